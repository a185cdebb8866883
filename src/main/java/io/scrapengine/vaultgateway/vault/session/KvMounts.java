package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.vault.MountInfo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a session learnt about one Vault's KV mounts: from {@code sys/internal/ui/mounts} (the mount serving a path,
 * its KV version) or, when a policy denies that endpoint, from which read shape worked. Used from its owner's
 * event loop only.
 */
final class KvMounts {

  private final Map<String, Integer> versions = new HashMap<>();
  private boolean endpointDenied;

  /** The known mount whose path is the longest prefix of {@code path}, with its KV version. */
  Optional<Placement> find(String path) {
    String best = null;
    for (String mount : versions.keySet()) {
      if (path.startsWith(mount) && (best == null || mount.length() > best.length())) {
        best = mount;
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Placement(best, versions.get(best), true));
  }

  void learn(MountInfo mount) {
    versions.put(mount.path(), mount.kvVersion());
  }

  void learn(String mount, int kvVersion) {
    versions.put(mount, kvVersion);
  }

  /** Forgets a mount whose reads said the path shape is wrong; it is asked about again. */
  void forget(String mount) {
    versions.remove(mount);
  }

  boolean endpointDenied() {
    return endpointDenied;
  }

  void endpointDenied(boolean denied) {
    endpointDenied = denied;
  }

  /**
   * Where a secret lives: its mount (with a trailing slash) and KV version (0: not known, try 2 then 1).
   *
   * @param learnt whether the version came from Vault (a wrong one is worth asking about again)
   */
  record Placement(String mount, int kvVersion, boolean learnt) {

    /** The API path of {@code path} (a logical path under this mount) for this placement's version. */
    String apiPath(String path, int version) {
      String key = path.substring(mount.length());
      return version == 2 ? mount + "data/" + key : mount + key;
    }
  }
}
