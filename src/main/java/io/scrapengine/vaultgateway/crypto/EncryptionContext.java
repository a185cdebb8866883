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

  public byte[] associatedData() {
    return (VERSION + '|' + purpose.length() + ':' + purpose + '|' + tenantId.length() + ':' + tenantId
      + '|' + recordId).getBytes(StandardCharsets.UTF_8);
  }
}
