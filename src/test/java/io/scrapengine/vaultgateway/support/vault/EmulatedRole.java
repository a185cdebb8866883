package io.scrapengine.vaultgateway.support.vault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An AppRole role as the emulator knows it: role_id, accepted secret_ids, token policies and TTLs. */
public final class EmulatedRole {

  private String name = "app";
  private String roleId = "role-id-app";
  private final Set<String> secretIds = ConcurrentHashMap.newKeySet();
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
    secretIds.add(value);
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

  boolean accepts(String secretId) {
    return secretIds.contains(secretId);
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
