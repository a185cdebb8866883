package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.scrapengine.vaultgateway.model.SecretValue;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EncryptionContextTest {

  @Test
  void differentTenantsAndIdsNeverShareAssociatedData() {
    UUID id = UUID.randomUUID();
    byte[] a = EncryptionContext.integrationSecretId("ab", id).associatedData();
    byte[] b = new EncryptionContext("vault-integration.secret-id", "a", id).associatedData();
    assertFalse(java.util.Arrays.equals(a, b));
    assertFalse(java.util.Arrays.equals(a, EncryptionContext.integrationSecretId("ab", UUID.randomUUID())
      .associatedData()));
    assertArrayEquals(a, EncryptionContext.integrationSecretId("ab", id).associatedData(), "stable");
  }

  @Test
  void tenantIdsThatLookLikeSeparatorsCannotCollide() {
    UUID id = new UUID(1, 2);
    byte[] crafted = new EncryptionContext("p", "x|1:y", id).associatedData();
    byte[] plain = new EncryptionContext("p", "x", id).associatedData();
    assertFalse(java.util.Arrays.equals(crafted, plain));
  }

  @Test
  void aCipherRoundTripsAndRejectsForeignContexts() throws GeneralSecurityException {
    SecretCipher cipher = TinkSecretCipher.create(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    EncryptionContext context = EncryptionContext.integrationSecretId("t", UUID.randomUUID());
    byte[] sealed = cipher.encrypt(context, SecretValue.of("s.secret"));

    assertEquals("s.secret", cipher.decrypt(context, sealed).reveal());
    assertThrows(GeneralSecurityException.class,
      () -> cipher.decrypt(EncryptionContext.integrationSecretId("t", UUID.randomUUID()), sealed));
  }

  @Test
  void anotherKeysetCannotDecrypt() throws GeneralSecurityException {
    SecretCipher ours = TinkSecretCipher.create(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    SecretCipher theirs = TinkSecretCipher.create(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    EncryptionContext context = EncryptionContext.integrationSecretId("t", UUID.randomUUID());

    byte[] sealed = ours.encrypt(context, SecretValue.of("s.secret"));

    assertThrows(GeneralSecurityException.class, () -> theirs.decrypt(context, sealed));
  }
}
