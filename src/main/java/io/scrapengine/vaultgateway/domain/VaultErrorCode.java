package io.scrapengine.vaultgateway.domain;

/** Why a call to a customer's Vault, or a connection test, failed; stable, part of the API contract. */
public enum VaultErrorCode {
  /** The address resolves to a loopback, private, link-local, metadata or otherwise non-public address. */
  ADDRESS_NOT_ALLOWED,
  /** DNS failure, connection refused, or a timeout. */
  VAULT_UNREACHABLE,
  /** The certificate is not trusted or does not match the expected name, or TLS could not be negotiated. */
  VAULT_TLS_ERROR,
  /** sys/health answered 501. */
  VAULT_NOT_INITIALIZED,
  /** sys/health answered 503, or a request answered "Vault is sealed". */
  VAULT_SEALED,
  /** The AppRole login was refused: bad role_id or secret_id (possibly in the wrong namespace). */
  AUTH_INVALID_CREDENTIALS,
  /** No auth method answered at the configured mount (in the configured namespace). */
  AUTH_MOUNT_NOT_FOUND,
  /** The namespace does not exist (OpenBao says so; Vault Enterprise cannot be told from a missing mount). */
  NAMESPACE_NOT_FOUND,
  /** The AppRole is locked out after repeated wrong secret_ids (Vault 1.13+ and OpenBao user lockout). */
  AUTH_LOCKED_OUT,
  /** The token may not read the path. */
  PERMISSION_DENIED,
  /** Nothing is stored at the path (or its latest version is deleted). */
  PATH_NOT_FOUND,
  /** A KV v1-style path on a KV v2 mount, or the reverse. */
  KV_VERSION_MISMATCH,
  /** sys/wrapping/lookup or unwrap refused the wrap token: unknown, expired or already used. */
  WRAP_TOKEN_INVALID,
  /** The wrap token was not made by an AppRole secret-id request at the integration's mount, or held no secret_id. */
  WRAP_TOKEN_UNEXPECTED,
  /** Anything else: a redirect, a 5xx, an unreadable or oversized answer. */
  VAULT_ERROR
}
