package io.scrapengine.vaultgateway.model;

/**
 * How a client hands over an AppRole secret_id: as is ({@code config.secretId}), or response-wrapped by its own
 * Vault ({@code config.secretIdWrapToken}), a single-use token the gateway unwraps, so the secret_id itself never
 * crosses the API. Neither form prints its value.
 */
public sealed interface SecretIdInput {

  static SecretIdInput given(SecretValue secretId) {
    return new Given(secretId);
  }

  static SecretIdInput wrapped(SecretValue wrapToken) {
    return new Wrapped(wrapToken);
  }

  /** The secret_id itself. */
  record Given(SecretValue secretId) implements SecretIdInput {
  }

  /** A Vault response-wrapping token whose wrapped response holds the secret_id. */
  record Wrapped(SecretValue wrapToken) implements SecretIdInput {
  }
}
