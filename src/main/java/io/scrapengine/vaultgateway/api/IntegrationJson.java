package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.Integration;
import io.vertx.core.json.JsonObject;

import java.time.format.DateTimeFormatter;

/** The public representation of an integration. It is built field by field, so no secret can slip in. */
final class IntegrationJson {

  private IntegrationJson() {
  }

  static JsonObject of(Integration integration) {
    return new JsonObject()
      .put("id", integration.id().toString())
      .put("name", integration.name())
      .put("type", integration.type())
      .put("address", integration.address())
      .put("namespace", integration.namespace())
      .put("authMethod", integration.authMethod())
      .put("roleId", integration.roleId())
      .put("createdAt", DateTimeFormatter.ISO_INSTANT.format(integration.createdAt()))
      .put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(integration.updatedAt()));
  }
}
