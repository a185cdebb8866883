package io.scrapengine.vaultgateway.config;

import java.util.Locale;

/** How strict start-up is about key material. */
public enum Profile {
  /** Generates its own signing key and keyset on first start. */
  DEV,
  /** Requires configured keys and refuses dev material. */
  PROD;

  public static Profile parse(String value) {
    if (value == null || value.isBlank()) {
      return DEV;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "dev", "development" -> DEV;
      case "prod", "production" -> PROD;
      default -> throw new ConfigException("APP_PROFILE must be 'dev' or 'prod', got '" + value + "'");
    };
  }
}
