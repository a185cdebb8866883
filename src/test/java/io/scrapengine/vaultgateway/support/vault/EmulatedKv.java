package io.scrapengine.vaultgateway.support.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A KV secrets engine mount, version 1 or 2, holding secrets by path (relative to the mount). KV v2 keeps every
 * version of a secret, as {@code vault-plugin-secrets-kv} does (OpenBao: internal/builtin/logical/kv/path_data.go):
 * a read gets the current version, or the one named by {@code ?version=}; a deleted or destroyed version answers
 * 404 with its metadata.
 */
public final class EmulatedKv {

  /** One version of a secret. */
  record Entry(Map<String, Object> data, Instant createdAt, int version, Instant deletedAt) {
  }

  private final String path;
  private final int version;
  private final String optionsVersion;
  private final Map<String, List<Entry>> entries = new ConcurrentHashMap<>();

  /**
   * @param optionsVersion what {@code sys/internal/ui/mounts} reports as {@code options.version}: "2" for a v2
   *                       mount, "1" for one enabled with {@code -version=1}, null for a plain {@code kv} mount
   */
  EmulatedKv(String path, int version, String optionsVersion) {
    this.path = path;
    this.version = version;
    this.optionsVersion = optionsVersion;
  }

  /** Writes a secret (a new version on KV v2; KV v1 keeps only the latest). */
  public EmulatedKv put(String secretPath, Map<String, Object> data) {
    entries.compute(secretPath, (key, old) -> {
      List<Entry> versions = old == null || version == 1 ? new ArrayList<>() : new ArrayList<>(old);
      versions.add(new Entry(Map.copyOf(data), Instant.now(), versions.size() + 1, null));
      return List.copyOf(versions);
    });
    return this;
  }

  /** KV v2 soft delete of the latest version: reads answer 404 with the deletion time in the metadata. */
  public EmulatedKv delete(String secretPath) {
    entries.computeIfPresent(secretPath, (key, old) -> {
      List<Entry> versions = new ArrayList<>(old);
      Entry latest = versions.remove(versions.size() - 1);
      versions.add(new Entry(latest.data(), latest.createdAt(), latest.version(), Instant.now()));
      return List.copyOf(versions);
    });
    return this;
  }

  /** The mount path with its trailing slash, e.g. {@code secret/}. */
  public String path() {
    return path;
  }

  public int version() {
    return version;
  }

  String optionsVersion() {
    return optionsVersion;
  }

  /** The current version of a secret, or null. */
  Entry get(String secretPath) {
    List<Entry> versions = entries.get(secretPath);
    return versions == null ? null : versions.get(versions.size() - 1);
  }

  /** A given version of a secret, or null when there is no such version. */
  Entry get(String secretPath, int versionNumber) {
    List<Entry> versions = entries.get(secretPath);
    return versions == null || versionNumber < 1 || versionNumber > versions.size() ? null
      : versions.get(versionNumber - 1);
  }
}
