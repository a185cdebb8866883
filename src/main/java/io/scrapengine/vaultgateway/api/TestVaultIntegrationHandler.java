package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code testVaultIntegration}: the connection test of a stored integration (reading the body's optional
 * {@code path} too); 200 with the result whether it passed or not.
 */
final class TestVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "testVaultIntegration";

  private final IntegrationService integrations;

  TestVaultIntegrationHandler(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    integrations.test(Requests.integrationRef(ctx), body == null ? null : body.getString("path"), Requests.actor(ctx))
      .onSuccess(result -> IntegrationResponses.json(ctx, result.toJson()))
      .onFailure(ctx::fail);
  }
}
