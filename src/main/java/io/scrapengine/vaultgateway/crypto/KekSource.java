package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.Aead;
import io.vertx.core.Future;

/**
 * A key-encryption key: what wraps the data keyset before it is stored. Today a Tink keyset of the operator's
 * ({@code KEK_FILE}/{@code KEK_JSON}), a generated dev keyset, or the operator's own Vault/OpenBao Transit key; a
 * cloud KMS plugs in as another implementation (Tink's {@code KmsClient.getAead(uri)} already answers an
 * {@link Aead}).
 *
 * <p>The {@link Aead} may block (Transit and KMS make network calls): use it on a worker thread or at start-up,
 * never on an event loop. Only the data keyset goes through it, a few times per process lifetime.
 */
public interface KekSource {

  /**
   * What this key is, without any secret, stored next to each keyset version it wraps (for example
   * {@code tink-keyset:1234567890} or {@code vault-transit:https://vault.example.com:8200/transit/keys/gw}).
   */
  String id();

  /** Encrypts and decrypts the data keyset; blocking. */
  Aead aead();

  /** Whether this is generated dev material, which the production profile refuses. */
  default boolean isDevMaterial() {
    return false;
  }

  /** Releases what it holds (HTTP clients); the default holds nothing. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
