package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.model.SecretValue;

import java.security.GeneralSecurityException;

/** Encrypts secrets for storage, bound to the context they belong to. */
public interface SecretCipher {

  byte[] encrypt(EncryptionContext context, SecretValue secret) throws GeneralSecurityException;

  /** Fails when the ciphertext was made for another context or under a key this cipher does not hold. */
  SecretValue decrypt(EncryptionContext context, byte[] ciphertext) throws GeneralSecurityException;
}
