package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.scrapengine.vaultgateway.GatewayApp;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dev profile with nothing configured: a dev KEK in the data directory and a dev data keyset in the database,
 * made on first start; the dev keyset file of earlier versions imported once; never a new keyset over secrets.
 */
class DevKeysTest {

  private TestDatabase database;
  private Vertx vertx;
  private Path dataDir;

  @BeforeEach
  void setUp() {
    database = TestDatabase.create();
    vertx = Vertx.vertx();
    dataDir = TestGateway.temporaryDirectory();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    database.close();
    TestGateway.deleteRecursively(dataDir);
  }

  private JsonObject dev() {
    return TestGateway.defaults(database).put("dataDir", dataDir.toString());
  }

  private UUID rowEncryptedWith(KeysetHandle keyset, String secretId) throws Exception {
    Migrations.apply(PgOptions.connectOptions(GatewayConfig.from(dev()).database()));
    UUID id = UUID.randomUUID();
    byte[] ciphertext = TinkSecretCipher.create(keyset).encrypt(EncryptionContext.integrationSecretId("t", id),
      SecretValue.of(secretId));
    database.update("INSERT INTO vault_integrations (id, tenant_id, name, type, address, auth_method, role_id,"
      + " secret_id_ciphertext, created_at, updated_at) VALUES (?, 't', ?, 'hashicorp', 'https://v.example.com',"
      + " 'approle', 'r', ?, now(), now())", id, "n-" + id, ciphertext);
    return id;
  }

  @Test
  void aFirstStartMakesADevKekAndADevDataKeysetThatASecondStartReads() throws Exception {
    // GatewayApp itself, not TestGateway, which would delete the data directory when it closes
    GatewayConfig config = ConfigLoader.load(vertx, dev(), false).await();
    GatewayApp.start(vertx, config).await().stop().await();
    assertTrue(Files.exists(dataDir.resolve(DevKek.FILE_NAME)));
    StoredKeyset stored = TestKeys.latestStored(database);
    assertEquals(StoredKeyset.INIT, stored.change());
    assertEquals(List.of((long) DataKeysets.DEV_KEY_ID), stored.keyIds());
    assertTrue(stored.kek().startsWith("tink-keyset:"));

    try (TestGateway again = TestGateway.start(vertx, database, dev())) {
      assertEquals(1, TestKeys.latestStored(database).version(), "the stored keyset is used, not replaced");
      assertEquals(200, again.get("/health/ready").statusCode());
    }
  }

  @Test
  void theDevKeysetFileOfAnEarlierVersionIsImportedSoItsSecretsStayReadable() throws Exception {
    KeysetHandle earlier = DataKeysets.generate(true);
    Files.writeString(dataDir.resolve(KeysetLoader.LEGACY_DEV_KEYSET_FILE),
      TinkJsonProtoKeysetFormat.serializeKeyset(earlier, InsecureSecretKeyAccess.get()));
    UUID id = rowEncryptedWith(earlier, "s-from-before");

    try (TestGateway gateway = TestGateway.start(vertx, database, dev())) {
      assertEquals(StoredKeyset.IMPORT, TestKeys.latestStored(database).change());
      byte[] ciphertext = database.queryBytes("SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?", id);
      assertEquals("s-from-before", TestKeys.cipher(vertx, gateway, database)
        .decrypt(EncryptionContext.integrationSecretId("t", id), ciphertext).reveal());
      assertEquals(200, gateway.get("/health/ready").statusCode());
    }
  }

  @Test
  void aNewKeysetIsNeverMadeOverSecretsItCouldNotRead() throws Exception {
    rowEncryptedWith(DataKeysets.generate(false), "s-orphan");
    GatewayConfig config = ConfigLoader.load(vertx, dev(), false).await();

    Throwable refused = assertThrows(Exception.class, () -> GatewayApp.start(vertx, config).await());

    assertTrue(refused.getMessage().contains("keys import"), refused.getMessage());
    assertEquals(0, database.queryInt("SELECT count(*) FROM data_keysets"));
  }
}
