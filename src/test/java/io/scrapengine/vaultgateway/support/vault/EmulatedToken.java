package io.scrapengine.vaultgateway.support.vault;

import java.util.ArrayList;
import java.util.List;

/** A service token the emulator issued at an AppRole login. Tests read {@link #revoked()} to see revocations. */
public final class EmulatedToken {

  private final String id;
  private final String accessor;
  private final String namespace;
  private final String roleName;
  private final String loginPath;
  private final List<String> policies;
  private final boolean renewable;
  private final long issuedAtMs;
  private final long maxTtlSeconds;
  private volatile long ttlSeconds;
  private volatile long grantedSeconds;
  private volatile long expiresAtMs;
  private volatile boolean revoked;

  EmulatedToken(String id, String accessor, String namespace, String roleName, String loginPath,
                List<String> policies, boolean renewable, long ttlSeconds, long maxTtlSeconds, long nowMs) {
    this.id = id;
    this.accessor = accessor;
    this.namespace = namespace;
    this.roleName = roleName;
    this.loginPath = loginPath;
    this.policies = List.copyOf(policies);
    this.renewable = renewable;
    this.issuedAtMs = nowMs;
    this.maxTtlSeconds = maxTtlSeconds;
    this.ttlSeconds = maxTtlSeconds > 0 && (ttlSeconds == 0 || ttlSeconds > maxTtlSeconds) ? maxTtlSeconds
      : ttlSeconds;
    this.grantedSeconds = this.ttlSeconds;
    this.expiresAtMs = this.ttlSeconds == 0 ? Long.MAX_VALUE : nowMs + this.ttlSeconds * 1000;
  }

  /** The TTL the last login or renewal granted, as Vault reports it in lease_duration. */
  long grantedSeconds() {
    return grantedSeconds;
  }

  /** The token itself; tests use it only to assert it never leaks. */
  public String id() {
    return id;
  }

  public String accessor() {
    return accessor;
  }

  public String namespace() {
    return namespace;
  }

  public String roleName() {
    return roleName;
  }

  public boolean revoked() {
    return revoked;
  }

  String loginPath() {
    return loginPath;
  }

  List<String> policies() {
    return policies;
  }

  boolean renewable() {
    return renewable;
  }

  long issuedAtMs() {
    return issuedAtMs;
  }

  long ttlSeconds() {
    return ttlSeconds;
  }

  boolean usable(long nowMs) {
    return !revoked && nowMs < expiresAtMs;
  }

  long remainingSeconds(long nowMs) {
    return expiresAtMs == Long.MAX_VALUE ? 0 : Math.max(0, (expiresAtMs - nowMs) / 1000);
  }

  long expiresAtMs() {
    return expiresAtMs;
  }

  void revoke() {
    revoked = true;
  }

  /**
   * renew-self: the TTL starts again (the increment asked for, else the role's TTL), capped so that the token
   * never outlives its max TTL counted from issue; a capped renewal says so in a warning. As
   * {@code sdk/framework/lease.go CalculateTTL} (OpenBao and Vault alike), to the second.
   *
   * @return the warnings of the answer
   */
  List<String> renew(long nowMs, long incrementSeconds) {
    long ttl = incrementSeconds > 0 ? incrementSeconds : ttlSeconds;
    List<String> warnings = new ArrayList<>();
    if (maxTtlSeconds > 0) {
      long maxValid = (issuedAtMs / 1000 + maxTtlSeconds) - nowMs / 1000;
      if (maxValid - ttl < 0) {
        warnings.add("TTL of \"" + human(ttl) + "\" exceeded the effective max_ttl of \"" + human(maxValid)
          + "\"; TTL value is capped accordingly");
        ttl = maxValid;
      }
    }
    grantedSeconds = ttl;
    expiresAtMs = nowMs + ttl * 1000;
    return warnings;
  }

  /** Go's time.Duration text without zero parts, as lease.go's humanDuration prints it. */
  private static String human(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    String text = (hours > 0 ? hours + "h" : "") + (hours > 0 || minutes > 0 ? minutes + "m" : "") + rest + "s";
    if (text.endsWith("m0s")) {
      text = text.substring(0, text.length() - 2);
    }
    int zeroMinutes = text.indexOf("h0m");
    return zeroMinutes > 0 ? text.substring(0, zeroMinutes + 1) + text.substring(zeroMinutes + 3) : text;
  }

  @Override
  public String toString() {
    return "EmulatedToken[accessor=" + accessor + ", namespace=" + namespace + ", revoked=" + revoked + "]";
  }
}
