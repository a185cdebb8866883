package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.SecretValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
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

  private volatile SecretCipher cipher;

  private Keyring() {
  }

  /** An empty keyring: it refuses every operation until the crypto verticle has loaded the keys. */
  public static Keyring create() {
    return new Keyring();
  }

  void install(SecretCipher loaded) {
    cipher = loaded;
  }

  public byte[] seal(EncryptionContext context, SecretValue secret) {
    try {
      return current().encrypt(context, secret);
    } catch (GeneralSecurityException e) {
      // Tink's messages name no key material, but the class is all an operator needs here
      LOG.warn("encryption failed: {}", e.getClass().getSimpleName());
      throw DomainException.internal();
    }
  }

  /** Fails with {@link ErrorCode#UNDECRYPTABLE} when the ciphertext belongs to another context or key. */
  public SecretValue open(EncryptionContext context, byte[] ciphertext) {
    try {
      return current().decrypt(context, ciphertext);
    } catch (GeneralSecurityException e) {
      throw DomainException.of(ErrorCode.UNDECRYPTABLE, Subject.KEYRING);
    }
  }

  /** Whether the keys are loaded and round-trip a fresh value. */
  public boolean probe() {
    SecretCipher loaded = cipher;
    if (loaded == null) {
      return false;
    }
    try {
      SecretValue probe = SecretValue.of(UUID.randomUUID().toString());
      return loaded.decrypt(PROBE_CONTEXT, loaded.encrypt(PROBE_CONTEXT, probe)).reveal().equals(probe.reveal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private SecretCipher current() {
    SecretCipher loaded = cipher;
    if (loaded == null) {
      throw DomainException.unavailable(Subject.KEYRING);
    }
    return loaded;
  }

  @Override
  public String toString() {
    return "Keyring[" + (cipher == null ? "empty" : "loaded") + "]";
  }
}
