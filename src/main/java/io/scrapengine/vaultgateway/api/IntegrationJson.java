package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.core.json.JsonObject;

import java.time.format.DateTimeFormatter;

/** The public representation of an integration. It is built field by field, so no secret can slip in. */
final class IntegrationJson {

  private IntegrationJson() {
  }

  static JsonObject of(Integration integration) {
    VaultSettings vault = integration.vault();
    return new JsonObject()
      .put("id", integration.id().toString())
      .put("name", integration.name())
      .put("type", Integration.TYPE)
      .put("address", vault.address())
      .put("namespace", vault.namespace())
      .put("authMethod", Integration.AUTH_METHOD)
      .put("roleId", vault.roleId())
      .put("authMount", vault.authMount())
      .put("caCertificate", vault.caCertificate())
      .put("tlsServerName", vault.tlsServerName())
      .put("lastTest", lastTest(integration.lastTest()))
      .put("createdAt", DateTimeFormatter.ISO_INSTANT.format(integration.createdAt()))
      .put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(integration.updatedAt()));
  }

  private static JsonObject lastTest(LastTest test) {
    return test == null ? null : new JsonObject()
      .put("ok", test.ok())
      .put("code", test.code())
      .put("checkedAt", DateTimeFormatter.ISO_INSTANT.format(test.checkedAt()));
  }
}
