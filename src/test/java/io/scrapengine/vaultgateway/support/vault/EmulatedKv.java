package io.scrapengine.vaultgateway.support.vault;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A KV secrets engine mount, version 1 or 2, holding secrets by path (relative to the mount). */
public final class EmulatedKv {

  /** One stored secret; for KV v2 its latest version and whether that version is deleted. */
  record Entry(Map<String, Object> data, Instant createdAt, int version, Instant deletedAt) {
  }

  private final String path;
  private final int version;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  EmulatedKv(String path, int version) {
    this.path = path;
    this.version = version;
  }

  /** Writes a secret (a new version on KV v2). */
  public EmulatedKv put(String secretPath, Map<String, Object> data) {
    entries.compute(secretPath, (key, old) ->
      new Entry(Map.copyOf(data), Instant.now(), old == null ? 1 : old.version() + 1, null));
    return this;
  }

  /** KV v2 soft delete of the latest version: reads answer 404 with the deletion time in the metadata. */
  public EmulatedKv delete(String secretPath) {
    entries.computeIfPresent(secretPath, (key, old) ->
      new Entry(old.data(), old.createdAt(), old.version(), Instant.now()));
    return this;
  }

  /** The mount path with its trailing slash, e.g. {@code secret/}. */
  public String path() {
    return path;
  }

  public int version() {
    return version;
  }

  Entry get(String secretPath) {
    return entries.get(secretPath);
  }
}
