package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.vault.AuthMountRule;
import io.scrapengine.vaultgateway.vault.CaCertificateRule;
import io.scrapengine.vaultgateway.vault.TlsServerNameRule;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules on a request's {@code config} that the schema cannot express (a parseable address, an auth mount
 * path, X.509 certificates, a host name), all checked at once so that one answer names every bad field.
 */
final class VaultConfigRules {

  private VaultConfigRules() {
  }

  /** Throws a 400 naming each field of {@code config} that is present and breaks its rule. */
  static void requireValid(JsonObject config) {
    List<FieldError> errors = new ArrayList<>();
    check(config, "address", VaultAddressRule::violation, errors);
    check(config, "authMount", AuthMountRule::violation, errors);
    check(config, "caCertificate", CaCertificateRule::violation, errors);
    check(config, "tlsServerName", TlsServerNameRule::violation, errors);
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
  }

  /** The settings of a validated create-shaped {@code config}. */
  static VaultSettings settings(JsonObject config) {
    requireValid(config);
    return new VaultSettings(config.getString("address"), config.getString("namespace"),
      config.getString("authMount", VaultTarget.DEFAULT_AUTH_MOUNT), config.getString("roleId"),
      config.getString("caCertificate"), config.getString("tlsServerName"));
  }

  private static void check(JsonObject config, String field, Function<String, Optional<String>> rule,
                            List<FieldError> errors) {
    String value = config.getString(field);
    if (value != null) {
      rule.apply(value).ifPresent(reason -> errors.add(new FieldError("config." + field, reason)));
    }
  }
}
