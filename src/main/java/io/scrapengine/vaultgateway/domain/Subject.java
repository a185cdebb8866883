package io.scrapengine.vaultgateway.domain;

/** What an error is about, so that the HTTP layer can word it. */
public enum Subject {
  VAULT_INTEGRATION,
  VAULT,
  IDEMPOTENCY_KEY,
  LIST_CURSOR,
  DATABASE,
  KEYRING,
  EVENT_BUS,
  WRAP_TOKEN
}
