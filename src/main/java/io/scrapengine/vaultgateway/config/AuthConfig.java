package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How API keys (JWTs) are verified. Key material fields are PEM/JWK text or file paths. */
public record AuthConfig(String issuer, String audience, String tenantClaim, List<String> algorithms,
                         String publicKeyPem, String publicKeyFile, String jwks, String jwksFile,
                         int leewaySeconds, int tokenCacheSize, String jwksUrl, int jwksRefreshSeconds,
                         int jwksMinRefreshSeconds) {

  private static final Set<String> SUPPORTED_ALGORITHMS =
    Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

  static AuthConfig from(JsonObject json) {
    List<String> algorithms = Arrays.stream(JsonValues.string(json, "algorithms", "RS256").split(","))
      .map(value -> value.trim().toUpperCase(Locale.ROOT))
      .filter(value -> !value.isEmpty())
      .toList();
    for (String algorithm : algorithms) {
      if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
        throw new ConfigException("JWT_ALGORITHMS: unsupported algorithm '" + algorithm
          + "' (asymmetric algorithms only: " + String.join(", ", SUPPORTED_ALGORITHMS) + ")");
      }
    }
    if (algorithms.isEmpty()) {
      throw new ConfigException("JWT_ALGORITHMS must name at least one algorithm");
    }
    return new AuthConfig(
      JsonValues.string(json, "issuer", null),
      JsonValues.string(json, "audience", null),
      JsonValues.string(json, "tenantClaim", "tid"),
      algorithms,
      JsonValues.string(json, "publicKeyPem", null),
      JsonValues.string(json, "publicKeyFile", null),
      JsonValues.string(json, "jwks", null),
      JsonValues.string(json, "jwksFile", null),
      JsonValues.integer(json, "leewaySeconds", 30, 0, 600),
      JsonValues.integer(json, "tokenCacheSize", 10_000, 0, 1_000_000),
      jwksUrl(JsonValues.string(json, "jwksUrl", null)),
      JsonValues.integer(json, "jwksRefreshSeconds", 300, 10, 86_400),
      JsonValues.integer(json, "jwksMinRefreshSeconds", 10, 1, 3_600));
  }

  public boolean hasConfiguredKeys() {
    return publicKeyPem != null || publicKeyFile != null || jwks != null || jwksFile != null || jwksUrl != null;
  }

  /** Whether the keys come (also) from an identity provider's JWKS endpoint. */
  public boolean hasJwksUrl() {
    return jwksUrl != null;
  }

  private static String jwksUrl(String value) {
    if (value == null) {
      return null;
    }
    java.net.URI uri;
    try {
      uri = java.net.URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("JWT_JWKS_URL is not a URL");
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new ConfigException("JWT_JWKS_URL must be an absolute https:// (or http://) URL");
    }
    return uri.toString();
  }
}
