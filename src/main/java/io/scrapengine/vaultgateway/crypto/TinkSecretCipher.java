package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import io.scrapengine.vaultgateway.model.SecretValue;

import java.security.GeneralSecurityException;

/** AES256-GCM through Tink. The keyset's primary key encrypts; every key in it decrypts. */
public final class TinkSecretCipher implements SecretCipher {

  private final Aead aead;

  private TinkSecretCipher(Aead aead) {
    this.aead = aead;
  }

  public static TinkSecretCipher create(KeysetHandle keyset) throws GeneralSecurityException {
    TinkSetup.register();
    return new TinkSecretCipher(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
  }

  @Override
  public byte[] encrypt(EncryptionContext context, SecretValue secret) throws GeneralSecurityException {
    return aead.encrypt(secret.utf8(), context.associatedData());
  }

  @Override
  public SecretValue decrypt(EncryptionContext context, byte[] ciphertext) throws GeneralSecurityException {
    return SecretValue.ofUtf8(aead.decrypt(ciphertext, context.associatedData()));
  }

  @Override
  public String toString() {
    return "TinkSecretCipher[AES256_GCM]";
  }
}
