package io.scrapengine.vaultgateway.keys;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.scrapengine.vaultgateway.GatewayApp;
import io.scrapengine.vaultgateway.Main;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.DataKeysets;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.KeyIds;
import io.scrapengine.vaultgateway.crypto.KeysetLoader;
import io.scrapengine.vaultgateway.crypto.TinkSecretCipher;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.scrapengine.vaultgateway.support.CommandOutput;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestTokens;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment of an earlier version (secrets encrypted with a cleartext KEYSET_FILE) upgrades without customers
 * registering their secrets again: {@code keys import} stores that keyset wrapped by a KEK, the production profile
 * refuses to start until it has, and afterwards the stored secret_ids read as before. The commands run as real
 * processes, as an operator runs them.
 */
class KeysImportTest {

  private static final String TENANT = "tenant-upgraded";
  private static final String ROLE_ID = "role-id-upgraded";
  private static final String SECRET_ID = "s-from-before-" + UUID.randomUUID();
  private static final String ISSUER = "https://login.scrapengine.io";

  private static TestDatabase database;
  private static Vertx vertx;
  private static VaultEmulator vault;
  private static Path directory;
  private static Path keysetFile;
  private static Path kekFile;
  private static KeysetHandle legacy;
  private static KeyPair signingKeys;
  private static UUID id;

  private record Result(int exit, String stdout, String stderr) {
  }

  @BeforeAll
  static void anEarlierDeployment() throws Exception {
    database = TestDatabase.create();
    vertx = Vertx.vertx();
    vault = VaultEmulator.start(vertx);
    vault.approle("approle", role -> role.roleId(ROLE_ID).secretId(SECRET_ID));
    directory = TestGateway.temporaryDirectory();
    // what 'java -jar vault-gateway.jar keyset > keyset.json' made for the earlier version
    keysetFile = directory.resolve("keyset.json");
    Files.writeString(keysetFile, KeysetLoader.newProductionKeysetJson());
    legacy = DataKeysets.parseCleartext(Files.readString(keysetFile));
    kekFile = directory.resolve("kek.json");
    Files.writeString(kekFile, KeysetLoader.newProductionKeysetJson());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    signingKeys = generator.generateKeyPair();

    // its tables and one integration whose secret_id it encrypted with that keyset
    GatewayConfig config = GatewayConfig.from(TestGateway.defaults(database));
    Migrations.apply(PgOptions.connectOptions(config.database()));
    id = UUID.randomUUID();
    byte[] ciphertext = TinkSecretCipher.create(legacy).encrypt(EncryptionContext.integrationSecretId(TENANT, id),
      SecretValue.of(SECRET_ID));
    database.update("INSERT INTO vault_integrations (id, tenant_id, name, type, address, auth_method, role_id,"
      + " secret_id_ciphertext, created_at, updated_at) VALUES (?, ?, 'from-before', 'hashicorp', ?, 'approle', ?, ?,"
      + " now(), now())", id, TENANT, vault.url(), ROLE_ID, ciphertext);
  }

  @AfterAll
  static void stop() {
    vault.close();
    vertx.close().await();
    database.close();
    TestGateway.deleteRecursively(directory);
  }

  private static JsonObject production() {
    return TestGateway.defaults(database)
      .put("profile", "prod")
      .put("dataDir", directory.toString())
      .put("auth", new JsonObject().put("issuer", ISSUER).put("audience", "vault-gateway")
        .put("publicKeyPem", TestTokens.publicPem(signingKeys)))
      .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS))
      .put("crypto", new JsonObject().put("kekFile", kekFile.toString()).put("keysetFile", keysetFile.toString()));
  }

  /** {@code java -jar vault-gateway.jar keys ...} with the operator's environment for this deployment. */
  private static Result keys(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-cp", System.getProperty("java.class.path"), Main.class.getName(), "keys"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("APP_PROFILE", "prod");
    builder.environment().put("DATA_DIR", directory.toString());
    builder.environment().put("PGHOST", TestDatabase.host());
    builder.environment().put("PGPORT", String.valueOf(TestDatabase.port()));
    builder.environment().put("PGDATABASE", database.name());
    builder.environment().put("KEK_FILE", kekFile.toString());
    builder.environment().put("KEYSET_FILE", keysetFile.toString());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
      new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theUpgradeImportsTheOldKeysetAndTheStoredSecretsReadAsBefore() throws Exception {
    GatewayConfig config = ConfigLoader.load(vertx, production(), false).await();
    Throwable refused = assertThrows(Exception.class, () -> GatewayApp.start(vertx, config).await());
    assertTrue(refused.getMessage().contains("keys import"), refused.getMessage());

    Result imported = keys("import", "--file", keysetFile.toString());

    assertEquals(0, imported.exit(), imported.stderr());
    long keyId = KeyIds.unsigned(legacy.getPrimary().getId());
    assertTrue(imported.stdout().contains("data keyset version 1 imported: keys [" + keyId + "]"), imported.stdout());
    assertEquals(1, database.queryInt("SELECT count(*) FROM data_keysets WHERE change = 'import'"));
    String row = database.queryString("SELECT encode(encrypted_keyset, 'base64') FROM data_keysets");
    String legacyJson = Files.readString(keysetFile);
    String keyValue = new JsonObject(legacyJson).getJsonArray("key").getJsonObject(0).getJsonObject("keyData")
      .getString("value");
    assertFalse(row.contains(keyValue) || imported.stdout().contains(keyValue) || imported.stderr().contains(keyValue),
      "the keyset is stored wrapped, and never printed");

    GatewayApp app = GatewayApp.start(vertx, config).await();
    WebClient client = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> tested = client.post(config.http().port(), "127.0.0.1",
          "/api/v1/vault-integrations/" + id + "/test").bearerTokenAuthentication(apiKey()).send().await();
      assertEquals(200, tested.statusCode(), tested.bodyAsString());
      assertTrue(tested.bodyAsJsonObject().getBoolean("ok"), "the secret_id stored before the upgrade still logs in: "
        + tested.bodyAsString());
    } finally {
      client.close();
      app.stop().await();
    }

    Result again = keys("import");
    assertEquals(0, again.exit(), again.stderr());
    assertTrue(again.stdout().contains("already imported"), again.stdout());
    Result status = keys("status");
    assertEquals(0, status.exit(), status.stderr());
    assertTrue(status.stdout().matches("(?s).*\\n" + keyId + " +primary +1 +0\\n.*"), status.stdout());
  }

  @Test
  void anotherKeysetOrADevKeysetIsNotImported() throws Exception {
    Path other = directory.resolve("other-keyset.json");
    Files.writeString(other, KeysetLoader.newProductionKeysetJson());
    Path dev = directory.resolve("dev-keyset.json");
    Files.writeString(dev, TinkJsonProtoKeysetFormat.serializeKeyset(DataKeysets.generate(true),
      InsecureSecretKeyAccess.get()));
    GatewayConfig config = ConfigLoader.load(vertx, production(), false).await();
    CommandOutput output = new CommandOutput();

    try (KeysCommand keys = KeysCommand.open(config, output.outStream(), output.errStream())) {
      assertEquals(KeysCommand.FAILED, keys.importKeyset(dev));
      assertTrue(output.err().contains("refuses the generated dev keyset"), output.err());
      assertEquals(KeysCommand.OK, keys.importKeyset(keysetFile));
      assertEquals(KeysCommand.FAILED, keys.importKeyset(other));
      assertTrue(output.err().contains("importing would replace it"), output.err());
      assertEquals(KeysCommand.FAILED, keys.init());
      assertTrue(output.err().contains("already holds a data keyset"), output.err());
    }
  }

  @Test
  void initRefusesToOrphanSecretsStoredWithoutAKeyset() {
    try (TestDatabase fresh = TestDatabase.create()) {
      GatewayConfig config = GatewayConfig.from(TestGateway.defaults(fresh).put("profile", "prod")
        .put("crypto", new JsonObject().put("kekFile", kekFile.toString())));
      CommandOutput output = new CommandOutput();
      try (KeysCommand keys = KeysCommand.open(config, output.outStream(), output.errStream())) {
        fresh.update("INSERT INTO vault_integrations (id, tenant_id, name, type, address, auth_method, role_id,"
          + " secret_id_ciphertext, created_at, updated_at) VALUES (?, 't', 'n', 'hashicorp', 'https://v', 'approle',"
          + " 'r', ?, now(), now())", UUID.randomUUID(), new byte[] {1, 0, 0, 0, 42, 9, 9});

        assertEquals(KeysCommand.FAILED, keys.init());
        assertTrue(output.err().contains("encrypted under keys [42]") && output.err().contains("keys import"),
          output.err());

        fresh.update("DELETE FROM vault_integrations");
        assertEquals(KeysCommand.OK, keys.init(), output.toString());
        assertTrue(output.out().contains("data keyset version 1 created"), output.out());
      }
    }
  }

  private static String apiKey() {
    long now = System.currentTimeMillis() / 1000;
    return TestTokens.withPrivateKey(vertx, TestTokens.privatePem(signingKeys), "RS256").sign(new JsonObject()
      .put("iss", ISSUER).put("aud", "vault-gateway").put("tid", TENANT).put("scope", TestGateway.WRITE)
      .put("exp", now + 600));
  }
}
