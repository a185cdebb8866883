package io.scrapengine.vaultgateway.support.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One namespace of the emulated Vault (the root namespace has the empty path): its AppRole auth mounts, KV
 * mounts and ACL policies. Paths are relative to the namespace, as in Vault.
 */
public final class EmulatedNamespace {

  /**
   * A policy rule: a path (exact, with a trailing {@code *} glob, or with {@code +} segments) and capabilities;
   * {@code glob} is the path's pattern compiled once (null for an exact path), since every request checks rules.
   */
  record Rule(String pattern, List<String> capabilities, Pattern glob) {

    static Rule of(String pattern, List<String> capabilities) {
      return new Rule(pattern, capabilities, Acl.isGlob(pattern) ? Acl.regex(pattern) : null);
    }
  }

  private final String path;
  private final Map<String, Map<String, EmulatedRole>> approles = new ConcurrentHashMap<>();
  private final Map<String, EmulatedKv> kvMounts = new ConcurrentHashMap<>();
  private final Map<String, List<Rule>> policies = new ConcurrentHashMap<>();

  EmulatedNamespace(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** Enables AppRole at {@code mount} (if not yet) and adds a role configured by {@code role}. */
  public EmulatedNamespace approle(String mount, Consumer<EmulatedRole> role) {
    EmulatedRole configured = new EmulatedRole();
    role.accept(configured);
    approles.computeIfAbsent(mount, key -> new ConcurrentHashMap<>()).put(configured.name(), configured);
    return this;
  }

  /** Enables AppRole at {@code mount} without roles. */
  public EmulatedNamespace approle(String mount) {
    approles.computeIfAbsent(mount, key -> new ConcurrentHashMap<>());
    return this;
  }

  /** The KV version 2 mount at {@code mount}, created on first use. */
  public EmulatedKv kv2(String mount) {
    return kv(mount, 2, "2");
  }

  /** The KV version 1 mount at {@code mount} as {@code secrets enable kv} makes it (no version option). */
  public EmulatedKv kv1(String mount) {
    return kv(mount, 1, null);
  }

  /** The KV version 1 mount at {@code mount} as {@code secrets enable -version=1 kv} makes it. */
  public EmulatedKv kv1WithVersionOption(String mount) {
    return kv(mount, 1, "1");
  }

  /** Adds a rule to policy {@code name}, e.g. {@code policy("app", "secret/data/app/*", "read")}. */
  public EmulatedNamespace policy(String name, String pattern, String... capabilities) {
    policies.computeIfAbsent(name, key -> new ArrayList<>()).add(Rule.of(pattern, List.of(capabilities)));
    return this;
  }

  private EmulatedKv kv(String mount, int version, String optionsVersion) {
    String mountPath = mount.endsWith("/") ? mount : mount + "/";
    EmulatedKv kv = kvMounts.computeIfAbsent(mountPath, key -> new EmulatedKv(key, version, optionsVersion));
    if (kv.version() != version) {
      throw new IllegalStateException(mountPath + " is already a KV v" + kv.version() + " mount");
    }
    return kv;
  }

  Optional<Map<String, EmulatedRole>> approleMount(String mount) {
    return Optional.ofNullable(approles.get(mount));
  }

  /** The KV mount serving {@code apiPath} (longest mount prefix), if any. */
  Optional<EmulatedKv> kvFor(String apiPath) {
    EmulatedKv best = null;
    for (EmulatedKv kv : kvMounts.values()) {
      if ((apiPath + "/").startsWith(kv.path()) && (best == null || kv.path().length() > best.path().length())) {
        best = kv;
      }
    }
    return Optional.ofNullable(best);
  }

  List<Rule> rules(List<String> policyNames) {
    List<Rule> rules = new ArrayList<>();
    for (String name : policyNames) {
      rules.addAll(policies.getOrDefault(name, List.of()));
    }
    return rules;
  }
}
