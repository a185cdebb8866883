package io.scrapengine.vaultgateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What the production profile needs before anything starts, checked all at once so that an operator fixes every
 * missing setting in one go instead of one restart per setting. Whether the values are usable (a key that parses,
 * a keyset that is not the dev one) is checked where they are loaded.
 */
public final class ProductionReadiness {

  private ProductionReadiness() {
  }

  /** One line per missing setting; empty when the configuration may start (always empty in dev). */
  public static List<String> missingSettings(GatewayConfig config) {
    List<String> missing = new ArrayList<>();
    if (config.profile() != Profile.PROD) {
      return missing;
    }
    AuthConfig auth = config.auth();
    if (auth.issuer() == null) {
      missing.add("JWT_ISSUER: the issuer (iss) API keys must carry");
    }
    if (auth.audience() == null) {
      missing.add("JWT_AUDIENCE: the audience (aud) API keys must carry");
    }
    if (!auth.hasConfiguredKeys()) {
      missing.add("JWT verification keys: set JWT_JWKS_URL, JWT_PUBLIC_KEY, JWT_PUBLIC_KEY_FILE, JWT_JWKS or"
        + " JWT_JWKS_FILE");
    }
    if (!config.crypto().hasKek()) {
      missing.add("a key-encryption key for the data keyset: set KEK_FILE or KEK_JSON (a Tink keyset, e.g. from"
        + " 'java -jar vault-gateway.jar keyset'), or KEK_VAULT_ADDRESS and KEK_VAULT_KEY for Vault Transit;"
        + " deployments that used KEYSET_FILE: keep it set and run 'keys import' once");
    }
    return missing;
  }

  /** Fails with every missing setting listed, or does nothing. */
  public static void require(GatewayConfig config) {
    List<String> missing = missingSettings(config);
    if (!missing.isEmpty()) {
      throw new ConfigException("APP_PROFILE=prod is missing " + missing.size() + " setting(s):\n  - "
        + String.join("\n  - ", missing));
    }
  }
}
