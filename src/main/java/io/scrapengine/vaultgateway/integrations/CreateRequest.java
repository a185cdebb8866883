package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.model.IntegrationDraft;

/**
 * A request to register an integration in a tenant.
 *
 * @param verify         run the connection test first and refuse to save when it fails
 * @param idempotencyKey the client's key for safe retries, or null
 */
public record CreateRequest(String tenantId, IntegrationDraft draft, boolean verify, IdempotencyKey idempotencyKey) {

  /**
   * An Idempotency-Key and the fingerprint of the request it came with (the request without its secret_id: a
   * digest of a guessable secret could be brute-forced from the database, so the secret is compared through its
   * ciphertext instead).
   */
  public record IdempotencyKey(String value, byte[] fingerprint) {

    @Override
    public String toString() {
      return "IdempotencyKey[redacted]";
    }
  }
}
