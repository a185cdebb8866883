package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.GatewayApp;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.support.FreePort;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API keys verified with the keys an identity provider publishes at a JWKS URL: an identity provider on loopback
 * that rotates its keys, is asked again only within limits, and goes down for a while.
 */
class JwksUrlTest {

  private static final String ISSUER = "https://idp.example.com/realms/scrapengine";
  private static final String AUDIENCE = "vault-gateway";

  private static Vertx vertx;
  private static TestDatabase database;
  private static HttpServer identityProvider;
  private static final List<JsonObject> published = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final AtomicInteger fetches = new AtomicInteger();
  private static volatile boolean down;
  private static int idpPort;
  private static KeyPair first;
  private static KeyPair second;
  private static GatewayApp app;
  private static GatewayConfig config;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    database = TestDatabase.create();
    first = rsa();
    second = rsa();
    published.add(jwk(first, "key-1"));
    identityProvider = vertx.createHttpServer().requestHandler(request -> {
      fetches.incrementAndGet();
      if (down) {
        request.response().setStatusCode(503).end();
        return;
      }
      JsonArray keys = new JsonArray(new ArrayList<>(published));
      request.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("keys", keys).encode());
    }).listen(0, "127.0.0.1").await();
    idpPort = identityProvider.actualPort();

    config = ConfigLoader.load(vertx, TestGateway.defaults(database).put("auth", new JsonObject()
      .put("issuer", ISSUER).put("audience", AUDIENCE)
      .put("jwksUrl", "http://127.0.0.1:" + idpPort + "/realms/scrapengine/protocol/openid-connect/certs")
      .put("jwksMinRefreshSeconds", 3600)
      .put("tokenCacheSize", 0)), false).await();
    app = GatewayApp.start(vertx, config).await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    try {
      app.stop().await();
      identityProvider.close().await();
      vertx.close().await();
    } finally {
      database.close();
      TestGateway.deleteRecursively(config.dataDir());
    }
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** A public JWK as an IdP publishes it; Entra-style, without {@code alg}. */
  private static JsonObject jwk(KeyPair pair, String kid) {
    RSAPublicKey key = (RSAPublicKey) pair.getPublic();
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return new JsonObject().put("kty", "RSA").put("use", "sig").put("kid", kid)
      .put("n", url.encodeToString(unsigned(key.getModulus())))
      .put("e", url.encodeToString(unsigned(key.getPublicExponent())));
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String token(KeyPair pair, String kid) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("RS256").setBuffer(TestTokens.privatePem(pair))));
    JsonObject claims = TestTokens.validClaims("tenant-idp", TestGateway.READ).put("iss", ISSUER).put("aud", AUDIENCE);
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("RS256")
      .setHeader(new JsonObject().put("kid", kid)));
  }

  private static int list(String token) {
    return client.get(config.http().port(), "127.0.0.1", TestGateway.INTEGRATIONS).bearerTokenAuthentication(token)
      .send().await().statusCode();
  }

  @Test
  void keysAreFetchedAtStartRefreshedOnRotationAndKeptWhileTheIdentityProviderIsDown() {
    assertEquals(200, list(token(first, "key-1")), "a key fetched at start");
    int afterStart = fetches.get();

    // the IdP rotates: a new key appears next to the old one
    published.add(jwk(second, "key-2"));
    assertEquals(200, list(token(second, "key-2")), "an unknown kid makes the gateway look again");
    assertEquals(afterStart + 1, fetches.get());

    // made-up key ids do not make the gateway ask again within the minimum interval
    for (int i = 0; i < 5; i++) {
      assertEquals(401, list(token(rsa(i), "made-up-" + i)));
    }
    assertEquals(afterStart + 1, fetches.get(), "at most one fetch per interval");

    // the IdP goes down: what is known keeps working
    down = true;
    try {
      assertEquals(200, list(token(first, "key-1")));
      assertEquals(200, list(token(second, "key-2")));
    } finally {
      down = false;
    }
  }

  @Test
  void aFailedRefreshKeepsTheKnownKeysAndAnUnknownKidNeverFailsTheLookup() throws Exception {
    JwksCache cache = JwksCache.start(vertx, config.auth()).await(30, TimeUnit.SECONDS);
    try {
      JwksCache.Keys known = cache.current();
      assertTrue(known.kids().contains("key-1"), known.kids().toString());

      down = true;
      assertThrows(Exception.class, () -> cache.refresh().await(30, TimeUnit.SECONDS), "the IdP is down");
      assertEquals(known, cache.current(), "still the keys known before");
      assertEquals(known, cache.refreshForUnknownKid("whatever").await(30, TimeUnit.SECONDS));
      down = false;

      JsonObject third = jwk(rsa(0), "key-3");
      published.add(third);
      JwksCache.Keys after = cache.refresh().await(30, TimeUnit.SECONDS);
      assertTrue(after.kids().contains("key-3"));
      assertTrue(after.version() > known.version());
    } finally {
      down = false;
      cache.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static KeyPair rsa(int ignored) {
    try {
      return rsa();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStartWithoutReachableKeysFailsAndSaysWhere() {
    GatewayConfig unreachable = ConfigLoader.load(vertx, TestGateway.defaults(database).put("auth", new JsonObject()
      .put("issuer", ISSUER).put("audience", AUDIENCE)
      .put("jwksUrl", "http://127.0.0.1:" + FreePort.find() + "/certs")), false).await();
    try {
      Throwable failure = assertThrows(Exception.class, () -> GatewayApp.start(vertx, unreachable).await());
      assertInstanceOf(ConfigException.class, failure);
      assertTrue(failure.getMessage().contains("JWT_JWKS_URL"), failure.getMessage());
    } finally {
      TestGateway.deleteRecursively(unreachable.dataDir());
    }
  }
}
