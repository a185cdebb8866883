package io.scrapengine.vaultgateway.config;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.scrapengine.vaultgateway.GatewayApp;
import io.scrapengine.vaultgateway.auth.DevSigningKey;
import io.scrapengine.vaultgateway.auth.DevTokenMinter;
import io.scrapengine.vaultgateway.crypto.DataKeysets;
import io.scrapengine.vaultgateway.crypto.DevKek;
import io.scrapengine.vaultgateway.crypto.KekSources;
import io.scrapengine.vaultgateway.crypto.KeysetLoader;
import io.scrapengine.vaultgateway.keys.KeysCommand;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The production profile starts only with real, explicitly configured key material. */
class ProductionProfileTest {

  private static TestDatabase database;
  private static KeyPair signingKeys;
  private static String productionKeyset;
  private static String productionKek;
  private Vertx vertx;
  private Path dataDir;

  @BeforeAll
  static void createMaterial() throws Exception {
    database = TestDatabase.create();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    signingKeys = generator.generateKeyPair();
    AeadConfig.register();
    productionKeyset = TinkJsonProtoKeysetFormat.serializeKeyset(
      KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
    productionKek = KeysetLoader.newProductionKeysetJson();
    // a deployment of an earlier version upgraded the documented way: its keyset imported under a KEK
    JsonObject upgraded = TestGateway.defaults(database).put("profile", "prod")
      .put("crypto", new JsonObject().put("kekJson", productionKek).put("keysetJson", productionKeyset));
    try (KeysCommand keys = KeysCommand.open(GatewayConfig.from(upgraded), System.out, System.err)) {
      assertEquals(KeysCommand.OK, keys.importKeyset(null));
    }
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    dataDir = TestGateway.temporaryDirectory();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    TestGateway.deleteRecursively(dataDir);
  }

  private JsonObject production() {
    return TestGateway.defaults(database)
      .put("profile", "prod")
      .put("dataDir", dataDir.toString())
      .put("auth", new JsonObject()
        .put("issuer", "https://login.scrapengine.io")
        .put("audience", "vault-gateway")
        .put("publicKeyPem", TestTokens.publicPem(signingKeys)))
      .put("crypto", new JsonObject().put("kekJson", productionKek).put("keysetJson", productionKeyset));
  }

  private Throwable startFailure(JsonObject config) {
    GatewayConfig parsed = ConfigLoader.load(vertx, config, false).await();
    return assertThrows(Exception.class, () -> GatewayApp.start(vertx, parsed).await());
  }

  @Test
  void refusesToStartWithoutAKeyset() {
    JsonObject config = production();
    config.remove("crypto");
    Throwable failure = startFailure(config);
    assertTrue(failure instanceof ConfigException);
    assertTrue(failure.getMessage().contains("KEYSET_FILE"), failure.getMessage());
  }

  @Test
  void refusesToStartWithoutJwtKeys() {
    JsonObject config = production();
    config.getJsonObject("auth").remove("publicKeyPem");
    Throwable failure = startFailure(config);
    assertTrue(failure.getMessage().contains("JWT_PUBLIC_KEY"), failure.getMessage());
  }

  @Test
  void refusesToStartWithoutIssuerOrAudience() {
    JsonObject noIssuer = production();
    noIssuer.getJsonObject("auth").remove("issuer");
    assertTrue(startFailure(noIssuer).getMessage().contains("JWT_ISSUER"));
    JsonObject noAudience = production();
    noAudience.getJsonObject("auth").remove("audience");
    assertTrue(startFailure(noAudience).getMessage().contains("JWT_AUDIENCE"));
  }

  @Test
  void refusesTheDevKeysetWhereverItWasCopiedTo() throws Exception {
    Path devDir = TestGateway.temporaryDirectory();
    try {
      // the dev profile of earlier versions kept its keyset in this file
      Files.writeString(devDir.resolve(KeysetLoader.LEGACY_DEV_KEYSET_FILE), TinkJsonProtoKeysetFormat
        .serializeKeyset(DataKeysets.generate(true), InsecureSecretKeyAccess.get()));
      Path copied = Files.copy(devDir.resolve(KeysetLoader.LEGACY_DEV_KEYSET_FILE),
        dataDir.resolve("prod-keyset.json"));
      JsonObject config = production();
      config.getJsonObject("crypto").remove("keysetJson");
      config.getJsonObject("crypto").put("keysetFile", copied.toString());

      Throwable failure = startFailure(config);

      assertTrue(failure.getMessage().contains("dev keyset"), failure.getMessage());
    } finally {
      TestGateway.deleteRecursively(devDir);
    }
  }

  @Test
  void refusesTheDevKeyEncryptionKeyWhereverItWasCopiedTo() throws Exception {
    Path devDir = TestGateway.temporaryDirectory();
    try {
      // the dev profile made its KEK; an operator copies it to production
      KekSources.create(vertx, Profile.DEV, GatewayConfig.from(new JsonObject()).crypto(), devDir).await();
      Path copied = Files.copy(devDir.resolve(DevKek.FILE_NAME), dataDir.resolve("kek.json"));
      JsonObject config = production();
      config.getJsonObject("crypto").remove("kekJson");
      config.getJsonObject("crypto").put("kekFile", copied.toString());

      Throwable failure = startFailure(config);

      assertTrue(failure instanceof ConfigException, failure.toString());
      assertTrue(failure.getMessage().contains("dev keyset encryption key"), failure.getMessage());
    } finally {
      TestGateway.deleteRecursively(devDir);
    }
  }

  @Test
  void refusesTheDevJwtSigningKey() throws Exception {
    String devPublicKey = DevSigningKey.loadOrCreate(dataDir).publicKeyPem();
    JsonObject config = production();
    config.getJsonObject("auth").put("publicKeyPem", devPublicKey);

    Throwable failure = startFailure(config);

    assertTrue(failure.getMessage().contains("dev JWT signing key"), failure.getMessage());
  }

  @Test
  void refusesAKeysetThatIsNotAes256Gcm() throws Exception {
    String otherKeyset = TinkJsonProtoKeysetFormat.serializeKeyset(
      KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM), InsecureSecretKeyAccess.get());
    JsonObject config = production();
    config.getJsonObject("crypto").put("keysetJson", otherKeyset);
    Throwable failure = startFailure(config);
    assertTrue(failure instanceof ConfigException, failure.toString());
    assertTrue(!failure.getMessage().contains(otherKeyset.substring(20, 60)), "no key material in messages");
  }

  @Test
  void startsWithConfiguredKeysAndAcceptsTokensSignedByThem() throws Exception {
    assertAcceptsProductionTokens(production());
  }

  @Test
  void startsWithAJwkSet() throws Exception {
    RSAPublicKey key = (RSAPublicKey) signingKeys.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("alg", "RS256").put("use", "sig")
      .put("n", base64Url(key.getModulus())).put("e", base64Url(key.getPublicExponent()));
    JsonObject config = production();
    config.getJsonObject("auth").remove("publicKeyPem");
    config.getJsonObject("auth").put("jwks", new JsonObject().put("keys", new JsonArray().add(jwk)).encode());

    assertAcceptsProductionTokens(config);
  }

  @Test
  void devTokensCannotBeMintedInProduction() {
    GatewayConfig config = ConfigLoader.load(vertx, production(), false).await();
    assertThrows(ConfigException.class, () -> DevTokenMinter.create(vertx, config));
  }

  private void assertAcceptsProductionTokens(JsonObject configJson) {
    GatewayConfig config = ConfigLoader.load(vertx, configJson, false).await();
    GatewayApp app = GatewayApp.start(vertx, config).await();
    WebClient client = WebClient.create(vertx);
    try {
      long now = System.currentTimeMillis() / 1000;
      TestTokens tokens = TestTokens.withPrivateKey(vertx, TestTokens.privatePem(signingKeys), "RS256");
      String token = tokens.sign(new JsonObject().put("iss", "https://login.scrapengine.io")
        .put("aud", "vault-gateway").put("tid", "prod-tenant").put("scope", TestGateway.WRITE)
        .put("exp", now + 600));

      HttpResponse<Buffer> response = client.post(config.http().port(), "127.0.0.1", "/api/v1/vault-integrations")
        .bearerTokenAuthentication(token).sendJsonObject(Integrations.named("prod-" + now + "-" + System.nanoTime()))
        .await();

      assertEquals(201, response.statusCode(), response.bodyAsString());
      String devStyle = tokens.sign(new JsonObject().put("iss", "vault-gateway-dev").put("aud", "vault-gateway")
        .put("tid", "prod-tenant").put("scope", TestGateway.WRITE).put("exp", now + 600));
      assertEquals(401, client.post(config.http().port(), "127.0.0.1", "/api/v1/vault-integrations")
        .bearerTokenAuthentication(devStyle).sendJsonObject(Integrations.named("dev-style")).await().statusCode());
    } finally {
      client.close();
      app.stop().await();
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
