package io.scrapengine.vaultgateway.vault;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * The secrets engine serving a path, from {@code sys/internal/ui/mounts/<path>}: its mount path (e.g.
 * {@code secret/}), type (e.g. {@code kv}) and, for KV, the version (1 or 2).
 */
public record MountInfo(String path, String type, int kvVersion) {

  /** Reads a 200 answer; empty when the answer does not describe a mount. */
  public static Optional<MountInfo> from(VaultResponse response) {
    JsonObject data = response.succeeded() ? response.data() : null;
    if (data == null || !(data.getValue("path") instanceof String path) || !(data.getValue("type") instanceof String type)) {
      return Optional.empty();
    }
    int version = 0;
    if (type.equals("kv") || type.equals("generic")) {
      version = 1;
      if (data.getValue("options") instanceof JsonObject options && "2".equals(String.valueOf(options.getValue("version")))) {
        version = 2;
      }
    }
    return Optional.of(new MountInfo(path.endsWith("/") ? path : path + "/", type, version));
  }

  public boolean isKv() {
    return kvVersion > 0;
  }

  /** The part of {@code fullPath} inside this mount, or empty when the path does not start with the mount. */
  public Optional<String> relative(String fullPath) {
    return fullPath.startsWith(path) ? Optional.of(fullPath.substring(path.length())) : Optional.empty();
  }
}
