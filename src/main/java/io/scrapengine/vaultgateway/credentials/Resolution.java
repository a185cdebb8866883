package io.scrapengine.vaultgateway.credentials;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A credential resolved: the values, by the credential's answer names, and where they came from. The values are
 * handed to the caller and forgotten; {@code toString} shows no value.
 */
public record Resolution(UUID credentialId, Map<String, String> values, Source source, Instant resolvedAt) {

  /** The integration, mount, logical path, KV version used and (KV v2) the version read. */
  public record Source(UUID integrationId, String mount, String path, int kvVersion, Integer secretVersion) {
  }

  @Override
  public String toString() {
    return "Resolution[credentialId=" + credentialId + ", fields=" + values.keySet() + ", values redacted, source="
      + source + "]";
  }
}
