package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Per-tenant request rates, per instance (each process keeps its own buckets), for each class of operation: a
 * sustained rate per second and a burst. {@code enabled: false} turns limiting off (benchmarks, tests).
 */
public record RateLimitConfig(boolean enabled, Rate writes, Rate tests, Rate resolves) {

  /** A token bucket's settings: {@code perSecond} tokens are added each second, up to {@code burst}. */
  public record Rate(int perSecond, int burst) {

    static Rate from(JsonObject json, int perSecond, int burst) {
      return new Rate(JsonValues.integer(json, "perSecond", perSecond, 1, 1_000_000),
        JsonValues.integer(json, "burst", burst, 1, 1_000_000));
    }
  }

  static RateLimitConfig from(JsonObject json) {
    return new RateLimitConfig(
      flag(json, "enabled", true),
      Rate.from(JsonValues.section(json, "writes"), 20, 40),
      Rate.from(JsonValues.section(json, "tests"), 2, 10),
      Rate.from(JsonValues.section(json, "resolves"), 100, 200));
  }

  private static boolean flag(JsonObject json, String key, boolean fallback) {
    Object value = json.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new ConfigException("'" + key + "' must be true or false");
    }
    return text.equals("true");
  }
}
