package io.scrapengine.vaultgateway.idempotency;

/**
 * An Idempotency-Key and the fingerprint of the request it came with (the request without any secret_id: a digest
 * of a guessable secret could be brute-forced from the database, so a secret is compared through its ciphertext).
 */
public record IdempotencyKey(String value, byte[] fingerprint) {

  @Override
  public String toString() {
    return "IdempotencyKey[redacted]";
  }
}
