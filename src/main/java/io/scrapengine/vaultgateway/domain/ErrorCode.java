package io.scrapengine.vaultgateway.domain;

/**
 * Why an operation failed, in the service's own vocabulary. These are the stable codes clients see; which HTTP
 * status each one becomes is the HTTP layer's business alone.
 */
public enum ErrorCode {
  /** The input breaks a rule; {@link DomainException#issues()} names each field. */
  VALIDATION_FAILED,
  /** No such object in the caller's tenant (another tenant's object is missing too). */
  NOT_FOUND,
  /** A unique name is taken, or the object is still in use (see {@link DomainException#count()}). */
  CONFLICT,
  /** The object changed since the version the caller named. */
  PRECONDITION_FAILED,
  /** Another request holding the same Idempotency-Key is still running. */
  IDEMPOTENCY_KEY_IN_USE,
  /** The Idempotency-Key was used with a different request. */
  IDEMPOTENCY_KEY_REUSED,
  /** A connection test asked for before saving failed; {@link DomainException#vaultProblem()} says how. */
  VAULT_CHECK_FAILED,
  /** A customer's Vault could not be used; {@link DomainException#vaultProblem()} says how. */
  VAULT_FAILED,
  /** The request names something (such as an integration) that must exist in the tenant and does not. */
  REFERENCE_NOT_FOUND,
  /** The secret Vault returned lacks a key a credential maps; {@link DomainException#value()} names the key. */
  SECRET_FIELD_MISSING,
  /** A stored ciphertext does not decrypt in its context: moved, tampered, or under a key no longer held. */
  UNDECRYPTABLE,
  /**
   * A secret the client stored (an integration's secret_id) can no longer be decrypted; storing a new one fixes it.
   * The operator's log names the record and the key.
   */
  STORED_SECRET_UNREADABLE,
  /** A response-wrapping token is unknown, expired or already used; {@link DomainException#vaultProblem()} says how. */
  WRAP_TOKEN_INVALID,
  /** A response-wrapping token does not wrap an AppRole secret_id of the integration's mount. */
  WRAP_TOKEN_UNEXPECTED,
  /** A dependency (the database, the keyring) cannot serve right now; retrying later may work. */
  SERVICE_UNAVAILABLE,
  /** A fault of ours; the details are in our log, never in the error. */
  INTERNAL_ERROR
}
