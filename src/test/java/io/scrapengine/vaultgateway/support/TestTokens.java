package io.scrapengine.vaultgateway.support;

import io.scrapengine.vaultgateway.auth.DevSigningKey;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Signs arbitrary claims, good and bad, for authentication tests. */
public final class TestTokens {

  private final JWTAuth signer;

  private TestTokens(JWTAuth signer) {
    this.signer = signer;
  }

  /** Signs with the dev key a gateway generated into {@code dataDir}: signatures it accepts. */
  public static TestTokens trustedBy(Vertx vertx, Path dataDir) throws Exception {
    return withPrivateKey(vertx, DevSigningKey.loadOrCreate(dataDir).privateKeyPem(), "RS256");
  }

  /** Signs with a fresh key the gateway has never seen. */
  public static TestTokens untrusted(Vertx vertx) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return withPrivateKey(vertx, privatePem(generator.generateKeyPair()), "RS256");
  }

  public static TestTokens withPrivateKey(Vertx vertx, String privateKeyPem, String algorithm) {
    return new TestTokens(JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(privateKeyPem))));
  }

  /** Claims of a token the dev profile accepts, expiring in an hour. */
  public static JsonObject validClaims(String tenant, String scopes) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject()
      .put("iss", "vault-gateway-dev")
      .put("aud", "vault-gateway")
      .put("sub", "test")
      .put("tid", tenant)
      .put("scope", scopes)
      .put("iat", now)
      .put("exp", now + 3600);
  }

  public String sign(JsonObject claims) {
    return signer.generateToken(claims.copy(), new JWTOptions().setAlgorithm("RS256"));
  }

  public String sign(JsonObject claims, String algorithm) {
    return signer.generateToken(claims.copy(), new JWTOptions().setAlgorithm(algorithm));
  }

  /** An unsigned token ({@code alg: none}) carrying otherwise valid claims. */
  public static String unsigned(JsonObject claims) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
      + encoder.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  public static String privatePem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  public static String publicPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
      + "-----\n";
  }
}
