package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.config.AuthConfig;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.Profile;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Decides which keys, issuer and audience API keys are verified against. Blocking (reads key files): call at
 * start-up. The production profile refuses to start without explicit keys, issuer and audience, or with the
 * dev signing key.
 */
public final class JwtVerificationOptions {

  public static final String DEV_ISSUER = "vault-gateway-dev";
  public static final String DEV_AUDIENCE = "vault-gateway";
  private static final Logger LOG = LoggerFactory.getLogger(JwtVerificationOptions.class);

  private JwtVerificationOptions() {
  }

  public static String issuer(Profile profile, AuthConfig config) {
    if (config.issuer() != null) {
      return config.issuer();
    }
    if (profile == Profile.PROD) {
      throw new ConfigException("APP_PROFILE=prod requires JWT_ISSUER");
    }
    return DEV_ISSUER;
  }

  public static String audience(Profile profile, AuthConfig config) {
    if (config.audience() != null) {
      return config.audience();
    }
    if (profile == Profile.PROD) {
      throw new ConfigException("APP_PROFILE=prod requires JWT_AUDIENCE");
    }
    return DEV_AUDIENCE;
  }

  public static JWTAuthOptions load(Profile profile, AuthConfig config, Path dataDir) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
      .setIssuer(issuer(profile, config))
      .setAudience(List.of(audience(profile, config)))
      .setLeeway(config.leewaySeconds()));
    try {
      if (!config.hasConfiguredKeys()) {
        if (profile == Profile.PROD) {
          throw new ConfigException("APP_PROFILE=prod requires JWT verification keys: set JWT_PUBLIC_KEY,"
            + " JWT_PUBLIC_KEY_FILE, JWT_JWKS or JWT_JWKS_FILE");
        }
        addPem(options, DevSigningKey.loadOrCreate(dataDir).publicKeyPem(), config.algorithms());
        return options;
      }
      String pem = config.publicKeyPem() != null ? config.publicKeyPem() : read(config.publicKeyFile());
      if (pem != null) {
        if (profile == Profile.PROD && isDevKey(pem, dataDir)) {
          throw new ConfigException("APP_PROFILE=prod refuses the generated dev JWT signing key");
        }
        addPem(options, pem, config.algorithms());
      }
      String jwks = config.jwks() != null ? config.jwks() : read(config.jwksFile());
      if (jwks != null) {
        addJwks(options, jwks, config.algorithms());
      }
      return options;
    } catch (IOException e) {
      throw new ConfigException("cannot read the JWT verification keys: " + e.getClass().getSimpleName());
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cannot use the JWT verification keys: " + e.getClass().getSimpleName());
    }
  }

  private static void addPem(JWTAuthOptions options, String pem, List<String> algorithms)
    throws GeneralSecurityException {
    String family = keyFamily(pem);
    int added = 0;
    for (String algorithm : algorithms) {
      if (family.equals(familyOf(algorithm))) {
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(pem));
        added++;
      }
    }
    if (added == 0) {
      throw new ConfigException("the configured " + family + " public key fits none of JWT_ALGORITHMS " + algorithms);
    }
  }

  private static void addJwks(JWTAuthOptions options, String jwks, List<String> algorithms) {
    JsonArray keys;
    try {
      keys = new JsonObject(jwks).getJsonArray("keys");
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException("the JWK set is not valid JSON with a 'keys' array");
    }
    int added = 0;
    for (Object entry : keys == null ? new JsonArray() : keys) {
      if (entry instanceof JsonObject jwk && !jwk.containsKey("d") && algorithms.contains(jwk.getString("alg"))) {
        options.addJwk(jwk);
        added++;
      } else {
        LOG.warn("ignoring a JWK without a pinned algorithm ({}), or carrying private material",
          entry instanceof JsonObject jwk ? jwk.getString("alg") : "not an object");
      }
    }
    if (added == 0) {
      throw new ConfigException("the JWK set holds no public key for JWT_ALGORITHMS " + algorithms);
    }
  }

  private static boolean isDevKey(String pem, Path dataDir) throws IOException {
    String devPem = DevSigningKey.existingPublicKeyPem(dataDir);
    return devPem != null && normalise(devPem).equals(normalise(pem));
  }

  private static String normalise(String pem) {
    return pem.replaceAll("\\s+", "");
  }

  private static String read(String file) throws IOException {
    return file == null ? null : Files.readString(Path.of(file), StandardCharsets.UTF_8);
  }

  private static String familyOf(String algorithm) {
    return algorithm.startsWith("ES") ? "EC" : "RSA";
  }

  private static String keyFamily(String pem) throws GeneralSecurityException {
    if (pem.contains("BEGIN CERTIFICATE")) {
      return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
        .getPublicKey().getAlgorithm();
    }
    if (!pem.contains("BEGIN PUBLIC KEY")) {
      throw new ConfigException("JWT_PUBLIC_KEY must be a PEM 'PUBLIC KEY' or 'CERTIFICATE'");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    for (String family : List.of("RSA", "EC")) {
      try {
        KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
        return family;
      } catch (GeneralSecurityException notThisFamily) {
        // try the next family
      }
    }
    throw new ConfigException("JWT_PUBLIC_KEY is neither an RSA nor an EC public key");
  }
}
