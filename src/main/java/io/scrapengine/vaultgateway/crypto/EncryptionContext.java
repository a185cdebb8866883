package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a ciphertext belongs to. Its bytes are the AEAD associated data, so a ciphertext copied into another
 * row, another tenant or another purpose fails to decrypt. Lengths prefix the variable parts so that no choice
 * of tenant id can make two different contexts encode alike.
 */
public record EncryptionContext(String purpose, String tenantId, UUID recordId) implements BusMessage {

  private static final String VERSION = "vault-gateway/v1";

  public static EncryptionContext integrationSecretId(String tenantId, UUID integrationId) {
    return new EncryptionContext("vault-integration.secret-id", tenantId, integrationId);
  }

  /** The secret_id an Idempotency-Key request carried, kept to tell a replay from a different request. */
  public static EncryptionContext idempotencySecretId(String tenantId, UUID requestId) {
    return new EncryptionContext("idempotency-key.secret-id", tenantId, requestId);
  }

  /**
   * The response-wrapping token an Idempotency-Key request carried instead of a secret_id, kept to tell a replay
   * from a different request. Its own purpose, so a wrap token never compares equal to a secret_id.
   */
  public static EncryptionContext idempotencyWrapToken(String tenantId, UUID requestId) {
    return new EncryptionContext("idempotency-key.secret-id-wrap-token", tenantId, requestId);
  }

  /** A list cursor: bound to the tenant, so another tenant's cursor is refused. */
  public static EncryptionContext listCursor(String tenantId) {
    return new EncryptionContext("vault-integrations.list-cursor", tenantId, new UUID(0, 0));
  }

  public byte[] associatedData() {
    return (VERSION + '|' + purpose.length() + ':' + purpose + '|' + tenantId.length() + ':' + tenantId
      + '|' + recordId).getBytes(StandardCharsets.UTF_8);
  }
}
