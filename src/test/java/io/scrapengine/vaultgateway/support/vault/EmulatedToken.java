package io.scrapengine.vaultgateway.support.vault;

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
    this.ttlSeconds = ttlSeconds;
    this.expiresAtMs = ttlSeconds == 0 ? Long.MAX_VALUE : nowMs + ttlSeconds * 1000;
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

  /** renew-self: the TTL starts again, capped by the role's max TTL counted from issue. */
  void renew(long nowMs) {
    long expires = nowMs + ttlSeconds * 1000;
    if (maxTtlSeconds > 0) {
      expires = Math.min(expires, issuedAtMs + maxTtlSeconds * 1000);
    }
    expiresAtMs = expires;
  }

  @Override
  public String toString() {
    return "EmulatedToken[accessor=" + accessor + ", namespace=" + namespace + ", revoked=" + revoked + "]";
  }
}
