package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored credential: where the secret lives (an integration and a logical path) and how the resolved answer's
 * names map to keys inside it. It holds no secret.
 *
 * @param fields        answer name to key inside the secret, in the client's order
 * @param kvVersion     a pinned KV version (1 or 2), or null to detect it
 * @param secretVersion a pinned KV v2 version to read, or null for the current one
 */
public record Credential(UUID id, String tenantId, String name, UUID integrationId, String path,
                         Map<String, String> fields, Integer kvVersion, Integer secretVersion, Instant createdAt,
                         Instant updatedAt, long version) implements BusMessage {

  public Credential {
    fields = CredentialFields.copyOf(fields);
  }
}
