package io.scrapengine.vaultgateway.support.vault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An AppRole role as the emulator knows it: role_id, accepted secret_ids, token policies and TTLs. */
public final class EmulatedRole {

  private String name = "app";
  private String roleId = "role-id-app";
  /** Accepted secret_ids and the logins each has left (0: unlimited, as secret_id_num_uses=0). */
  private final Map<String, Integer> secretIds = new ConcurrentHashMap<>();
  private final Set<String> usedUp = ConcurrentHashMap.newKeySet();
  private boolean numUsesRace;
  private final List<String> policies = new ArrayList<>();
  private long ttlSeconds = 3600;
  private long maxTtlSeconds = 0;
  private boolean renewable = true;

  EmulatedRole() {
  }

  public EmulatedRole name(String value) {
    name = value;
    return this;
  }

  public EmulatedRole roleId(String value) {
    roleId = value;
    return this;
  }

  /** Adds an accepted secret_id (a role may have several). */
  public EmulatedRole secretId(String value) {
    return secretId(value, 0);
  }

  /** Adds a secret_id good for {@code numUses} logins (0: unlimited). */
  public EmulatedRole secretId(String value, int numUses) {
    secretIds.put(value, numUses);
    return this;
  }

  /** Destroys a secret_id, as {@code secret-id/destroy} does: it no longer logs in. */
  public EmulatedRole destroySecretId(String value) {
    secretIds.remove(value);
    return this;
  }

  /**
   * Makes a used-up secret_id lose the race AppRole's login can lose when two logins spend its last use at once:
   * the loser is told {@code invalid secret_id "<the value it sent>"} (OpenBao:
   * internal/builtin/credential/approle/path_login.go, the re-read after the lock switch), Vault echoing a secret.
   */
  public EmulatedRole loseNumUsesRace() {
    numUsesRace = true;
    return this;
  }

  public EmulatedRole policies(String... names) {
    policies.addAll(List.of(names));
    return this;
  }

  public EmulatedRole ttlSeconds(long value) {
    ttlSeconds = value;
    return this;
  }

  public EmulatedRole maxTtlSeconds(long value) {
    maxTtlSeconds = value;
    return this;
  }

  public EmulatedRole renewable(boolean value) {
    renewable = value;
    return this;
  }

  public String name() {
    return name;
  }

  public String roleId() {
    return roleId;
  }

  /** What a login with {@code secretId} meets. */
  enum SecretCheck { ACCEPTED, UNKNOWN, LOST_RACE }

  /** Checks a secret_id and spends one of its uses. */
  synchronized SecretCheck spend(String secretId) {
    Integer left = secretIds.get(secretId);
    if (left == null) {
      return numUsesRace && usedUp.contains(secretId) ? SecretCheck.LOST_RACE : SecretCheck.UNKNOWN;
    }
    if (left == 1) {
      secretIds.remove(secretId);
      usedUp.add(secretId);
    } else if (left > 1) {
      secretIds.put(secretId, left - 1);
    }
    return SecretCheck.ACCEPTED;
  }

  /** Token policies as Vault lists them: "default" first, then the role's. */
  List<String> tokenPolicies() {
    Set<String> all = new LinkedHashSet<>();
    all.add("default");
    all.addAll(policies);
    return List.copyOf(all);
  }

  long ttlSeconds() {
    return ttlSeconds;
  }

  long maxTtlSeconds() {
    return maxTtlSeconds;
  }

  boolean renewable() {
    return renewable;
  }
}
