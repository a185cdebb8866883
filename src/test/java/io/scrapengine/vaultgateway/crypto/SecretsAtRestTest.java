package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What reaches PostgreSQL is ciphertext bound to its tenant and row. */
@ExtendWith(VertxExtension.class)
class SecretsAtRestTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static final String PATH = "/api/v1/vault-integrations";

  private static SecretCipher cipher;

  @BeforeAll
  static void start(Vertx vertx) throws GeneralSecurityException {
    cipher = TestKeys.cipher(vertx, ENV.gateway(), ENV.database());
  }


  private static UUID create(String tenant, String name, String secretId) {
    var response = ENV.gateway().post(PATH, ENV.gateway().token(tenant, TestGateway.WRITE),
      Integrations.withSecret(name, secretId));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return UUID.fromString(response.bodyAsJsonObject().getString("id"));
  }

  private static byte[] storedCiphertext(UUID id) {
    return ENV.database().queryBytes("SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?", id);
  }

  @Test
  void theStoredRowHoldsCiphertextThatDecryptsOnlyInItsOwnContext() throws Exception {
    String secretId = "s.plaintext-secret-id-" + UUID.randomUUID();
    UUID id = create("tenant-rest", "at-rest", secretId);

    byte[] stored = storedCiphertext(id);

    assertFalse(contains(stored, secretId.getBytes(StandardCharsets.UTF_8)), "plaintext found in the row");
    assertFalse(rowText(id).contains(secretId), "plaintext found in a text column");
    assertEquals(secretId,
      cipher.decrypt(EncryptionContext.integrationSecretId("tenant-rest", id), stored).reveal());
    assertThrows(GeneralSecurityException.class,
      () -> cipher.decrypt(EncryptionContext.integrationSecretId("another-tenant", id), stored));
  }

  @Test
  void aCiphertextCopiedIntoAnotherRowFailsToDecryptThere() throws Exception {
    UUID victim = create("tenant-copy", "victim", "s.victim-secret");
    UUID attacker = create("tenant-copy", "attacker", "s.attacker-secret");
    assertEquals(1, ENV.database().update("UPDATE vault_integrations SET secret_id_ciphertext ="
      + " (SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?) WHERE id = ?", victim, attacker));

    byte[] moved = storedCiphertext(attacker);

    assertThrows(GeneralSecurityException.class,
      () -> cipher.decrypt(EncryptionContext.integrationSecretId("tenant-copy", attacker), moved));
  }

  @Test
  void aCiphertextCopiedIntoAnotherTenantFailsToDecryptThere() throws Exception {
    UUID id = create("tenant-origin", "origin", "s.origin-secret");
    byte[] stored = storedCiphertext(id);

    assertThrows(GeneralSecurityException.class,
      () -> cipher.decrypt(EncryptionContext.integrationSecretId("tenant-thief", id), stored));
  }

  @Test
  void theSameSecretEncryptsDifferentlyEachTime() throws Exception {
    UUID first = create("tenant-nonce", "first", "s.same-secret");
    UUID second = create("tenant-nonce", "second", "s.same-secret");

    assertFalse(java.util.Arrays.equals(storedCiphertext(first), storedCiphertext(second)));
  }

  private static String rowText(UUID id) {
    return ENV.database().queryString("SELECT t::text FROM vault_integrations t WHERE id = ?", id);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
