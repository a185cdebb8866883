package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.Aead;
import io.scrapengine.vaultgateway.GatewayApp;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.keys.KeysCommand;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.scrapengine.vaultgateway.support.CommandOutput;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data keyset wrapped by the operator's Vault Transit key (the in-repo emulator on loopback): the gateway logs
 * in with its AppRole, encrypts and decrypts the keyset through {@code transit/encrypt|decrypt} with the keyset's
 * associated data, and never holds a key-encryption key of its own.
 */
class TransitKekTest {

  private static final String KEK_ROLE_ID = "role-id-kek";
  private static final String KEK_SECRET_ID = "secret-id-kek-" + UUID.randomUUID();
  private static final String APP_ROLE_ID = "role-id-app";
  private static final String APP_SECRET_ID = "secret-id-app-" + UUID.randomUUID();

  private static TestDatabase database;
  private static Vertx vertx;
  private static VaultEmulator vault;
  private static TestGateway gateway;
  private static String token;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    vertx = Vertx.vertx();
    vault = VaultEmulator.start(vertx);
    vault.transit().mount(vault.root(), "transit").createKey(vault.root(), "transit", "gateway-kek")
      .createKey(vault.root(), "transit", "other-key");
    vault.approle("approle", role -> role.name("kek").roleId(KEK_ROLE_ID).secretId(KEK_SECRET_ID).policies("kek"))
      .approle("approle", role -> role.name("app").roleId(APP_ROLE_ID).secretId(APP_SECRET_ID))
      .policy("kek", "transit/encrypt/gateway-kek", "update")
      .policy("kek", "transit/decrypt/gateway-kek", "update");
    gateway = TestGateway.start(vertx, database, config(KEK_SECRET_ID, "gateway-kek"));
    token = gateway.token("tenant-transit", TestGateway.WRITE);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    vault.close();
    vertx.close().await();
    database.close();
  }

  private static JsonObject config(String secretId, String key) {
    return new JsonObject()
      .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS))
      .put("crypto", new JsonObject().put("kekVault", new JsonObject().put("address", vault.url()).put("key", key)
        .put("roleId", KEK_ROLE_ID).put("secretId", secretId)));
  }

  private static String integration() {
    JsonObject body = Integrations.atVault("transit-" + UUID.randomUUID(), vault.url(), APP_ROLE_ID, APP_SECRET_ID);
    return gateway.create(token, body).getString("id");
  }

  /** The connection test through {@code via}, with an API key {@code via} signed (each has its own dev key). */
  private static HttpResponse<Buffer> test(TestGateway via, String id) {
    return via.request(HttpMethod.POST, INTEGRATIONS + "/" + id + "/test")
      .bearerTokenAuthentication(via.token("tenant-transit", TestGateway.WRITE)).send().await();
  }

  @Test
  void theDataKeysetIsWrappedByTheTransitKeyWithItsAssociatedData() throws Exception {
    StoredKeyset stored = TestKeys.latestStored(database);

    assertEquals("vault-transit:" + vault.url() + "/transit/keys/gateway-kek", stored.kek());
    List<RecordedRequest> encrypts = vault.requests("/v1/transit/encrypt/gateway-kek");
    assertFalse(encrypts.isEmpty(), "the first version was encrypted by Transit");
    JsonObject encrypt = new JsonObject(encrypts.get(0).body());
    assertEquals("vault-gateway/data-keyset|version=1",
      new String(Base64.getDecoder().decode(encrypt.getString("associated_data")), StandardCharsets.UTF_8));
    assertFalse(vault.requests("/v1/transit/decrypt/gateway-kek").isEmpty(), "and opened through it");
    assertFalse(vault.requests("/v1/auth/approle/login").isEmpty());
    String id = integration();
    assertTrue(test(gateway, id).bodyAsJsonObject().getBoolean("ok"));
    // what PostgreSQL holds is Transit's ciphertext of the keyset: no key of it is readable there
    String row = database.queryString("SELECT encode(encrypted_keyset, 'escape') FROM data_keysets WHERE version = 1");
    for (String material : TestKeys.material(TestKeys.dataKeyset(vertx, gateway, database).keyset())) {
      assertFalse(row.contains(material));
    }
  }

  @Test
  void anotherInstanceOpensTheKeysetThroughTransitAndReadsTheSecrets() {
    String id = integration();
    Vertx other = Vertx.vertx();
    try (TestGateway second = TestGateway.start(other, database, config(KEK_SECRET_ID, "gateway-kek"))) {
      HttpResponse<Buffer> tested = test(second, id);
      assertEquals(200, tested.statusCode(), tested.bodyAsString());
      assertTrue(tested.bodyAsJsonObject().getBoolean("ok"), tested.bodyAsString());
    } finally {
      other.close().await();
    }
  }

  @Test
  void aRotationUnderTransitStoresEveryVersionWrappedByTransit() {
    String id = integration();
    CommandOutput output = new CommandOutput();
    try (KeysCommand keys = KeysCommand.open(gateway.config(), output.outStream(), output.errStream())) {
      assertEquals(KeysCommand.OK, keys.rotate(Duration.ofSeconds(60)), output.toString());
      assertEquals(KeysCommand.OK, keys.rewrap(KeysCommand.DEFAULT_BATCH_SIZE), output.toString());
    }

    assertEquals(0, database.queryInt("SELECT count(*) FROM data_keysets WHERE kek NOT LIKE 'vault-transit:%'"));
    assertTrue(test(gateway, id).bodyAsJsonObject().getBoolean("ok"));
  }

  @Test
  void aKeysetWrappedByAnotherTransitKeyStopsTheStartSayingSo() {
    Throwable failure = startFailure(config(KEK_SECRET_ID, "other-key"));

    assertTrue(failure.getMessage().contains("does not decrypt with the configured key-encryption key"),
      failure.getMessage());
    assertFalse(failure.getMessage().contains(KEK_SECRET_ID));
  }

  @Test
  void aRefusedAppRoleLoginStopsTheStartWithoutEchoingTheSecret() {
    String wrong = "wrong-secret-" + UUID.randomUUID();

    Throwable failure = startFailure(config(wrong, "gateway-kek"));

    assertTrue(failure.getMessage().contains("AppRole login") && failure.getMessage().contains("400"),
      failure.getMessage());
    assertFalse(failure.getMessage().contains(wrong));
  }

  @Test
  void aConfiguredTokenWorksInsteadOfAnAppRole() {
    HttpResponse<Buffer> login = io.vertx.ext.web.client.WebClient.create(vertx)
      .postAbs(vault.url() + "/v1/auth/approle/login")
      .sendJsonObject(new JsonObject().put("role_id", KEK_ROLE_ID).put("secret_id", KEK_SECRET_ID)).await();
    String kekToken = login.bodyAsJsonObject().getJsonObject("auth").getString("client_token");
    JsonObject config = config(KEK_SECRET_ID, "gateway-kek");
    config.getJsonObject("crypto").getJsonObject("kekVault").remove("roleId");
    config.getJsonObject("crypto").getJsonObject("kekVault").remove("secretId");
    config.getJsonObject("crypto").getJsonObject("kekVault").put("token", kekToken);
    Vertx other = Vertx.vertx();
    try (TestGateway second = TestGateway.start(other, database, config)) {
      assertTrue(test(second, integration()).bodyAsJsonObject().getBoolean("ok"));
    } finally {
      other.close().await();
    }
  }

  @Test
  void transitRefusesOtherAssociatedDataAndNeverRunsOnAnEventLoop() throws Exception {
    KekSource kek = KekSources.create(vertx, gateway.config().profile(), gateway.config().crypto(),
      gateway.dataDir()).await();
    try {
      Aead aead = kek.aead();
      byte[] ciphertext = aead.encrypt("keyset".getBytes(StandardCharsets.UTF_8),
        "one".getBytes(StandardCharsets.UTF_8));
      assertEquals("keyset", new String(aead.decrypt(ciphertext, "one".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8));

      GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
        () -> aead.decrypt(ciphertext, "two".getBytes(StandardCharsets.UTF_8)));
      assertTrue(refused.getMessage().contains("400: cipher: message authentication failed"), refused.getMessage());

      Throwable onLoop = encryptOnAnEventLoop(vertx, aead);
      assertTrue(onLoop instanceof IllegalStateException, String.valueOf(onLoop));
    } finally {
      kek.close().await();
    }
  }

  /** What encrypting on an event loop throws (null if it does not). */
  private static Throwable encryptOnAnEventLoop(Vertx vertx, Aead aead) {
    io.vertx.core.Promise<Throwable> caught = io.vertx.core.Promise.promise();
    vertx.runOnContext(ignored -> {
      try {
        aead.encrypt(new byte[1], new byte[0]);
        caught.complete(null);
      } catch (Throwable e) {
        caught.complete(e);
      }
    });
    return caught.future().await();
  }

  private static Throwable startFailure(JsonObject overrides) {
    Vertx other = Vertx.vertx();
    try {
      GatewayConfig config = ConfigLoader.load(other, TestGateway.defaults(database).mergeIn(overrides, true), false)
        .await();
      return assertThrows(Exception.class, () -> GatewayApp.start(other, config).await());
    } finally {
      other.close().await();
    }
  }
}
