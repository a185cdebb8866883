package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.api.ApiRouter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.impl.Utils;

import java.util.Set;
import java.util.TreeSet;

/** The scopes the contract declares (bearerAuth's {@code x-scopes}), so that commands refuse misspelt ones. */
final class ContractScopes {

  private ContractScopes() {
  }

  /** Blocking: reads the contract (from the working directory, else the copy in the jar). */
  static Set<String> declared(Vertx vertx) {
    JsonObject contract = Utils.readYamlOrJson(vertx, ApiRouter.CONTRACT_PATH).await();
    JsonObject scopes = contract.getJsonObject("components").getJsonObject("securitySchemes")
      .getJsonObject(ApiRouter.SECURITY_SCHEME).getJsonObject("x-scopes");
    return new TreeSet<>(scopes.fieldNames());
  }
}
