package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.SecretValue;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code testUnsavedVaultIntegration}: the connection test on a create-shaped body; nothing is stored. */
final class TestUnsavedVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "testUnsavedVaultIntegration";

  private final VaultChecks checks;

  TestUnsavedVaultIntegrationHandler(VaultChecks checks) {
    this.checks = checks;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject config = Requests.validated(ctx).getBody().getJsonObject().getJsonObject("config");
    checks.run(VaultConfigRules.settings(config), SecretValue.of(config.getString("secretId")),
        Requests.query(ctx, "path"), "path")
      .onSuccess(result -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, IntegrationResponses.JSON)
        .end(result.toJson().toBuffer()))
      .onFailure(ctx::fail);
  }
}
