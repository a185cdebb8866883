package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code getVaultIntegration}: one integration of the caller's tenant, with its ETag. */
final class GetVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "getVaultIntegration";

  private final IntegrationService integrations;

  GetVaultIntegrationHandler(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @Override
  public void handle(RoutingContext ctx) {
    integrations.get(Requests.integrationRef(ctx))
      .onSuccess(integration -> IntegrationResponses.send(ctx, 200, integration))
      .onFailure(ctx::fail);
  }
}
