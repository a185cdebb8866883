package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.config.Profile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.security.GeneralSecurityException;

/** Mints API keys signed with the dev profile's own key, for local use and tests. */
public final class DevTokenMinter {

  private final JWTAuth signer;
  private final String issuer;
  private final String audience;
  private final String tenantClaim;

  private DevTokenMinter(JWTAuth signer, String issuer, String audience, String tenantClaim) {
    this.signer = signer;
    this.issuer = issuer;
    this.audience = audience;
    this.tenantClaim = tenantClaim;
  }

  /** Blocking on first use (it may generate the dev key). */
  public static DevTokenMinter create(Vertx vertx, GatewayConfig config) throws IOException, GeneralSecurityException {
    if (config.profile() != Profile.DEV) {
      throw new ConfigException("dev tokens can only be minted in the dev profile");
    }
    DevSigningKey key = DevSigningKey.loadOrCreate(config.dataDir());
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(key.privateKeyPem())));
    return new DevTokenMinter(signer, JwtVerificationOptions.issuer(Profile.DEV, config.auth()),
      JwtVerificationOptions.audience(Profile.DEV, config.auth()), config.auth().tenantClaim());
  }

  /**
   * Mints with a signing key the operator made (see the {@code signing-key} command), in any profile: for a local
   * cluster whose gateways verify with the matching public key. Issuer and audience are the configured ones.
   */
  public static DevTokenMinter withSigningKey(Vertx vertx, GatewayConfig config, String privateKeyPem) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(privateKeyPem)));
    return new DevTokenMinter(signer, JwtVerificationOptions.issuer(config.profile(), config.auth()),
      JwtVerificationOptions.audience(config.profile(), config.auth()), config.auth().tenantClaim());
  }

  public String mint(String tenantId, String scopes, long ttlSeconds) {
    JsonObject claims = new JsonObject()
      .put("iss", issuer)
      .put("aud", audience)
      .put("sub", "dev:" + tenantId)
      .put(tenantClaim, tenantId)
      .put("scope", scopes);
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("RS256").setExpiresInSeconds((int) ttlSeconds));
  }
}
