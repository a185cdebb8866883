package io.scrapengine.vaultgateway.api;

import com.google.crypto.tink.KeysetHandle;
import io.scrapengine.vaultgateway.crypto.DataKeysets;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.KeyIds;
import io.scrapengine.vaultgateway.crypto.TinkSecretCipher;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.LogCapture;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored secret_id that no longer decrypts (moved from another row, or under a key the keyset lacks) is a clear,
 * fixable answer for the client, a log line naming the integration and the key for the operator, and (for a
 * missing key) an instance that is not ready.
 */
class StoredSecretUnreadableTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.reachingLoopbackVaults();

  private static final String TENANT = "tenant-unreadable";
  private static final String ROLE_ID = "role-id-unreadable";

  private static VaultEmulator vault;
  private static EmulatedRole role;
  private static String token;
  private static LogCapture logs;

  @BeforeAll
  static void start() {
    logs = LogCapture.start();
    vault = VaultEmulator.start(ENV.vertx());
    AtomicReference<EmulatedRole> created = new AtomicReference<>();
    vault.approle("approle", configured -> created.set(configured.roleId(ROLE_ID)));
    role = created.get();
    token = ENV.gateway().token(TENANT, TestGateway.WRITE);
  }

  @AfterAll
  static void stop() {
    vault.close();
    logs.close();
  }

  private static UUID integration(String secretId) {
    role.secretId(secretId);
    JsonObject body = Integrations.atVault("unreadable-" + UUID.randomUUID(), vault.url(), ROLE_ID, secretId);
    return UUID.fromString(ENV.gateway().create(token, body).getString("id"));
  }

  private static HttpResponse<Buffer> test(UUID id) {
    return ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/" + id + "/test").bearerTokenAuthentication(token)
      .send().await();
  }

  private static byte[] ciphertext(UUID id) {
    return ENV.database().queryBytes("SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?", id);
  }

  private static void assertUnreadable(HttpResponse<Buffer> response) {
    assertEquals(409, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals("STORED_SECRET_UNREADABLE", problem.getString("code"));
    assertTrue(problem.getString("detail").contains("PATCH config.secretId"), problem.encode());
  }

  private static String logLineAbout(UUID id) {
    return logs.lines().stream().filter(line -> line.contains("does not decrypt") && line.contains(id.toString()))
      .findFirst().orElseThrow(() -> new AssertionError("no operator log line names " + id));
  }

  @Test
  void aCiphertextMovedFromAnotherRowIsTheSpecificCodeAndAPatchFixesIt() {
    String victimSecret = "s-victim-" + UUID.randomUUID();
    UUID victim = integration(victimSecret);
    UUID moved = integration("s-moved-" + UUID.randomUUID());
    ENV.database().update("UPDATE vault_integrations SET secret_id_ciphertext ="
      + " (SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?) WHERE id = ?", victim, moved);
    long keyId = KeyIds.of(ciphertext(moved)).orElseThrow();

    assertUnreadable(test(moved));

    String line = logLineAbout(moved);
    assertTrue(line.contains("key " + keyId) && line.contains("moved"), line);
    assertFalse(line.contains(victimSecret), line);
    String fresh = "s-fresh-" + UUID.randomUUID();
    role.secretId(fresh);
    assertEquals(200, ENV.gateway().patch(INTEGRATIONS + "/" + moved, token, null,
      new JsonObject().put("config", new JsonObject().put("secretId", fresh))).statusCode());
    assertTrue(test(moved).bodyAsJsonObject().getBoolean("ok"));
  }

  @Test
  void aCiphertextUnderAKeyTheKeysetLacksIsTheSpecificCodeAndReadinessNamesTheKey() throws Exception {
    UUID id = integration("s-" + UUID.randomUUID());
    KeysetHandle restored = DataKeysets.generate(false);
    long missing = KeyIds.unsigned(restored.getPrimary().getId());
    // as if a backup from before a key was retired (or made under another keyset) were restored into the row
    byte[] foreign = TinkSecretCipher.create(restored).encrypt(EncryptionContext.integrationSecretId(TENANT, id),
      SecretValue.of("s-restored"));
    ENV.database().update("UPDATE vault_integrations SET secret_id_ciphertext = ? WHERE id = ?", foreign, id);

    assertUnreadable(test(id));
    String line = logLineAbout(id);
    assertTrue(line.contains("key " + missing + " is not in the loaded keyset"), line);

    HttpResponse<Buffer> ready = ENV.gateway().get("/health/ready");
    assertEquals(503, ready.statusCode(), ready.bodyAsString());
    JsonObject keyset = ready.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(check -> check.getString("id").equals("keyset")).findFirst().orElseThrow();
    assertEquals("DOWN", keyset.getString("status"));
    JsonArray missingKeyIds = keyset.getJsonObject("data").getJsonArray("missingKeyIds");
    assertEquals(1, missingKeyIds.size(), keyset.encode());
    assertEquals(missing, missingKeyIds.getLong(0));

    String fresh = "s-fresh-" + UUID.randomUUID();
    role.secretId(fresh);
    assertEquals(200, ENV.gateway().patch(INTEGRATIONS + "/" + id, token, null,
      new JsonObject().put("config", new JsonObject().put("secretId", fresh))).statusCode());
    assertEquals(200, ENV.gateway().get("/health/ready").statusCode(), "ready again once no secret names the key");
  }

  @Test
  void noKeyMaterialOrSecretReachesTheLogs() throws Exception {
    String secret = "s-logged-" + UUID.randomUUID();
    UUID id = integration(secret);
    UUID other = integration("s-" + UUID.randomUUID());
    ENV.database().update("UPDATE vault_integrations SET secret_id_ciphertext ="
      + " (SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?) WHERE id = ?", id, other);
    assertUnreadable(test(other));

    List<String> material = TestKeys.material(TestKeys.dataKeyset(ENV.vertx(), ENV.gateway(), ENV.database())
      .keyset());
    for (String line : logs.lines()) {
      assertFalse(line.contains(secret), line);
      for (String key : material) {
        assertFalse(line.contains(key), line);
      }
    }
  }
}
