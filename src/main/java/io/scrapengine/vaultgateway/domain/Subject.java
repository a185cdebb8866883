package io.scrapengine.vaultgateway.domain;

/** What an error is about, so that the HTTP layer can word it. */
public enum Subject {
  VAULT_INTEGRATION,
  CREDENTIAL,
  AUDIT_LOG,
  VAULT,
  /** A customer's Vault that is not called for a while after repeated failures (its circuit is open). */
  VAULT_CIRCUIT,
  /** The queue of calls waiting for a customer's Vault. */
  VAULT_QUEUE,
  IDEMPOTENCY_KEY,
  LIST_CURSOR,
  DATABASE,
  KEYRING,
  EVENT_BUS,
  WRAP_TOKEN
}
