package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * Browser origins allowed to call the API (CORS). Empty, the default, means no CORS headers at all: browsers on
 * other origins are refused by their own same-origin rules.
 */
public record CorsConfig(List<String> allowedOrigins) {

  static CorsConfig from(JsonObject json) {
    List<String> origins = Arrays.stream(JsonValues.string(json, "allowedOrigins", "").split(","))
      .map(String::trim)
      .filter(origin -> !origin.isEmpty())
      .toList();
    origins.forEach(CorsConfig::requireOrigin);
    return new CorsConfig(origins);
  }

  public boolean enabled() {
    return !allowedOrigins.isEmpty();
  }

  /** An origin is a scheme, a host and an optional port; "*" is refused, as the API takes bearer tokens. */
  private static void requireOrigin(String origin) {
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
      || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
      || uri.getRawUserInfo() != null) {
      throw new ConfigException("CORS_ALLOWED_ORIGINS: '" + origin
        + "' is not an origin like https://app.example.com (scheme, host and optional port; no '*', no path)");
    }
  }
}
