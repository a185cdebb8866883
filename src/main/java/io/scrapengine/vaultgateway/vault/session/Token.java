package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.model.SecretValue;

import java.util.List;

/**
 * A Vault token a session holds: the token itself (never printed), how long Vault granted it, whether it may be
 * renewed, and its policies (named in permission errors).
 */
final class Token {

  /**
   * A token this close to its end is not handed out any more (a read might reach Vault after it expired); a fresh
   * one is fetched instead: 2 s, or a tenth of a shorter lease.
   */
  private static final long MAX_MARGIN_MS = 2_000;

  private final SecretValue value;
  private final boolean renewable;
  private final List<String> policies;
  private volatile long leaseSeconds;
  private volatile long expiresAtMs;

  Token(SecretValue value, long leaseSeconds, boolean renewable, List<String> policies, long nowMs) {
    this.value = value;
    this.renewable = renewable;
    this.policies = List.copyOf(policies);
    granted(leaseSeconds, nowMs);
  }

  /** A renewal granted {@code seconds} more from now. */
  void granted(long seconds, long nowMs) {
    leaseSeconds = seconds;
    expiresAtMs = seconds == 0 ? Long.MAX_VALUE : nowMs + seconds * 1000;
  }

  SecretValue value() {
    return value;
  }

  boolean renewable() {
    return renewable;
  }

  List<String> policies() {
    return policies;
  }

  /** Seconds Vault last granted; 0 means the token never expires. */
  long leaseSeconds() {
    return leaseSeconds;
  }

  boolean usableAt(long nowMs) {
    return expiresAtMs == Long.MAX_VALUE || nowMs + Math.min(MAX_MARGIN_MS, leaseSeconds * 100) < expiresAtMs;
  }

  @Override
  public String toString() {
    return "Token[redacted, lease=" + leaseSeconds + "s, renewable=" + renewable + "]";
  }
}
