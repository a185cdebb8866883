package io.scrapengine.vaultgateway.support.vault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User lockout, on by default for AppRole since Vault 1.13 and in OpenBao (internal/vault/request_handling.go:
 * isUserLocked, failedUserLoginProcess; defaults in internal/helper/configutil/userlockout.go): failed logins are
 * counted per auth mount and alias (for AppRole, the role_id), only when the backend answers invalid credentials
 * (a wrong secret_id; an unknown role_id is not counted); at the threshold the alias is locked for the lockout
 * duration, during which every login answers 403 {@code permission denied}, even with the right secret_id; the
 * count starts again after the counter-reset time; a successful login clears it.
 */
final class Lockouts {

  static final int THRESHOLD = 5;
  static final long DURATION_MS = 15 * 60 * 1000;
  static final long COUNTER_RESET_MS = 15 * 60 * 1000;

  private record Failures(int count, long lastFailedMs) {
  }

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  boolean locked(String alias, long nowMs) {
    Failures entry = failures.get(alias);
    return entry != null && entry.count() >= THRESHOLD && nowMs - entry.lastFailedMs() < DURATION_MS;
  }

  void failed(String alias, long nowMs) {
    failures.compute(alias, (key, old) -> old == null || nowMs > old.lastFailedMs() + COUNTER_RESET_MS
      ? new Failures(1, nowMs) : new Failures(old.count() + 1, nowMs));
  }

  void succeeded(String alias) {
    failures.remove(alias);
  }
}
