package io.scrapengine.vaultgateway.keys;

import io.scrapengine.vaultgateway.crypto.DataKeyset;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.KeyIds;
import io.scrapengine.vaultgateway.crypto.SecretCipher;
import io.scrapengine.vaultgateway.crypto.TinkSecretCipher;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.keys.CiphertextPage;
import io.scrapengine.vaultgateway.model.keys.CiphertextReplacements;
import io.scrapengine.vaultgateway.model.keys.CiphertextReplacements.Replacement;
import io.scrapengine.vaultgateway.model.keys.StoredCiphertext;
import io.scrapengine.vaultgateway.store.KeysetStore;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-encrypts stored secrets under the keyset's primary key, a batch at a time, while the gateway serves: read a
 * page of ciphertexts under other keys, decrypt and encrypt them here, and store each only if its row still holds
 * the ciphertext that was read (so a secretId changed meanwhile by a PATCH is never overwritten with the old one).
 * It walks each table once in a stable order; what a run leaves (a row changed meanwhile under an old key, a crash)
 * is simply found again by the next run. Blocking.
 */
final class Rewrapper {

  private final KeysetStore store;
  private final DataKeyset keyset;
  private final SecretCipher cipher;

  Rewrapper(KeysetStore store, DataKeyset keyset) throws GeneralSecurityException {
    this.store = store;
    this.keyset = keyset;
    this.cipher = TinkSecretCipher.create(keyset.keyset());
  }

  /** A re-encrypted page, not yet stored. */
  record Batch(List<Replacement> replacements, List<String> unreadable, CiphertextPage.Position last, int read) {

    boolean isEmpty() {
      return read == 0;
    }
  }

  /** Reads the next page of {@code kind} after {@code after} (null: from the start) and re-encrypts it. */
  Batch next(StoredCiphertext.Kind kind, CiphertextPage.Position after, int limit) {
    CiphertextPage.Result page = store.ciphertexts(new CiphertextPage(kind, keyset.primaryKeyId(), after, limit))
      .await();
    if (page.ciphertexts().isEmpty()) {
      return new Batch(List.of(), List.of(), after, 0);
    }
    List<Replacement> replacements = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (StoredCiphertext stored : page.ciphertexts()) {
      try {
        replacements.add(reencrypt(stored));
      } catch (GeneralSecurityException e) {
        unreadable.add(describe(stored));
      }
    }
    return new Batch(replacements, unreadable, page.last(), page.ciphertexts().size());
  }

  /** Stores a batch; answers how many rows took their new ciphertext (the others changed meanwhile). */
  int apply(Batch batch) {
    return batch.replacements().isEmpty() ? 0
      : store.replace(new CiphertextReplacements(batch.replacements())).await().replaced();
  }

  private Replacement reencrypt(StoredCiphertext stored) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (EncryptionContext context : contexts(stored)) {
      SecretValue secret;
      try {
        secret = cipher.decrypt(context, stored.ciphertext());
      } catch (GeneralSecurityException e) {
        last = e;
        continue;
      }
      return new Replacement(stored, cipher.encrypt(context, secret));
    }
    throw last;
  }

  /** The contexts a stored secret of this kind may be bound to, most likely first. */
  private static List<EncryptionContext> contexts(StoredCiphertext stored) {
    return switch (stored.kind()) {
      case INTEGRATION_SECRET_ID ->
        List.of(EncryptionContext.integrationSecretId(stored.tenantId(), stored.recordId()));
      case IDEMPOTENCY_SECRET -> List.of(EncryptionContext.idempotencySecretId(stored.tenantId(), stored.recordId()),
        EncryptionContext.idempotencyWrapToken(stored.tenantId(), stored.recordId()));
    };
  }

  private String describe(StoredCiphertext stored) {
    String where = stored.kind() == StoredCiphertext.Kind.INTEGRATION_SECRET_ID
      ? "integration " + stored.recordId() : "Idempotency-Key record " + stored.recordId();
    String why = KeyIds.of(stored.ciphertext()).stream()
      .mapToObj(id -> keyset.holds(id) ? "names key " + id + " but does not decrypt (moved or altered)"
        : "names key " + id + ", which the keyset does not hold")
      .findFirst().orElse("names no key");
    return where + " (tenant " + stored.tenantId() + ") " + why;
  }
}
