package io.scrapengine.vaultgateway.model;

import java.util.List;

/**
 * An If-Match precondition as versions: {@link #ANY} (no header, or {@code *}) or the versions a client last saw.
 * An empty list matches nothing.
 */
public record VersionCondition(boolean any, List<Long> versions) {

  public static final VersionCondition ANY = new VersionCondition(true, List.of());

  public static VersionCondition oneOf(List<Long> versions) {
    return new VersionCondition(false, List.copyOf(versions));
  }

  /** Whether an object at {@code version} meets the condition. */
  public boolean admits(long version) {
    return any || versions.contains(version);
  }

  /** The versions for SQL, or null when any version will do. */
  public Long[] versionsOrNull() {
    return any ? null : versions.toArray(Long[]::new);
  }
}
