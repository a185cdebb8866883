package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.SecretValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The process's key material as callers use it: seal and open secrets bound to their context. Only the
 * {@link CryptoVerticle} installs (and later replaces) what is inside; every event loop then seals and opens on
 * its own thread. Sealing a secret_id takes under a microsecond here, an event-bus round trip several times that
 * (see bench/README.md), so callers do not cross the bus for it.
 */
public final class Keyring {

  private static final Logger LOG = LoggerFactory.getLogger(Keyring.class);
  private static final EncryptionContext PROBE_CONTEXT = new EncryptionContext("health-probe", "-", new UUID(0, 0));

  /** One loaded keyset version: the cipher and the facts about it that readiness and logs need. */
  private record Loaded(SecretCipher cipher, long version, List<Long> keyIds, long primaryKeyId) {
  }

  private volatile Loaded loaded;
  private volatile Runnable onMissingKey = () -> { };

  private Keyring() {
  }

  /** An empty keyring: it refuses every operation until the crypto verticle has loaded the keys. */
  public static Keyring create() {
    return new Keyring();
  }

  void install(DataKeyset keyset) throws GeneralSecurityException {
    loaded = new Loaded(TinkSecretCipher.create(keyset.keyset()), keyset.version(), keyset.keyIds(),
      keyset.primaryKeyId());
  }

  /** What to do when a stored ciphertext names a key this keyring lacks (the crypto verticle checks for news). */
  void onMissingKey(Runnable action) {
    onMissingKey = action;
  }

  /** The loaded keyset version, 0 before the first load. */
  public long version() {
    Loaded current = loaded;
    return current == null ? 0 : current.version();
  }

  /** The loaded keyset's primary key id, or null before the first load. */
  public Long primaryKeyId() {
    Loaded current = loaded;
    return current == null ? null : current.primaryKeyId();
  }

  /** The key ids of the loaded keyset; empty before the first load. */
  public Set<Long> keyIds() {
    Loaded current = loaded;
    return current == null ? Set.of() : Set.copyOf(current.keyIds());
  }

  public byte[] seal(EncryptionContext context, SecretValue secret) {
    try {
      return current().cipher().encrypt(context, secret);
    } catch (GeneralSecurityException e) {
      // Tink's messages name no key material, but the class is all an operator needs here
      LOG.warn("encryption failed: {}", e.getClass().getSimpleName());
      throw DomainException.internal();
    }
  }

  /** Fails with {@link ErrorCode#UNDECRYPTABLE} when the ciphertext belongs to another context or key. */
  public SecretValue open(EncryptionContext context, byte[] ciphertext) {
    try {
      return current().cipher().decrypt(context, ciphertext);
    } catch (GeneralSecurityException e) {
      throw DomainException.of(ErrorCode.UNDECRYPTABLE, Subject.KEYRING);
    }
  }

  /**
   * Opens a secret a client stored (an integration's secret_id). One that no longer decrypts (moved to another
   * row, altered, or under a key this keyring does not hold) fails with {@link ErrorCode#STORED_SECRET_UNREADABLE},
   * which the client can fix by storing a new secret; the operator gets a log line naming the record and the key.
   */
  public SecretValue openStored(EncryptionContext context, byte[] ciphertext) {
    Loaded current = current();
    try {
      return current.cipher().decrypt(context, ciphertext);
    } catch (GeneralSecurityException e) {
      OptionalLong keyId = KeyIds.of(ciphertext);
      boolean held = keyId.isPresent() && current.keyIds().contains(keyId.getAsLong());
      if (!held) {
        onMissingKey.run();
      }
      LOG.warn("stored {} of {} (tenant {}) does not decrypt: {}; the client is asked to set a new one",
        context.purpose(), context.recordId(), context.tenantId(), held
          ? "it names key " + keyId.getAsLong() + ", which is loaded, so it was moved from another record or altered"
          : keyId.isPresent() ? "key " + keyId.getAsLong() + " is not in the loaded keyset (version "
            + current.version() + ", keys " + new TreeSet<>(current.keyIds()) + ")"
          : "it names no key");
      throw DomainException.of(ErrorCode.STORED_SECRET_UNREADABLE, Subject.VAULT_INTEGRATION);
    }
  }

  /** Whether the keys are loaded and round-trip a fresh value. */
  public boolean probe() {
    Loaded current = loaded;
    if (current == null) {
      return false;
    }
    try {
      SecretValue probe = SecretValue.of(UUID.randomUUID().toString());
      return current.cipher().decrypt(PROBE_CONTEXT, current.cipher().encrypt(PROBE_CONTEXT, probe)).reveal()
        .equals(probe.reveal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private Loaded current() {
    Loaded current = loaded;
    if (current == null) {
      throw DomainException.unavailable(Subject.KEYRING);
    }
    return current;
  }

  @Override
  public String toString() {
    Loaded current = loaded;
    return "Keyring[" + (current == null ? "empty" : "version " + current.version() + ", primary "
      + current.primaryKeyId()) + "]";
  }
}
