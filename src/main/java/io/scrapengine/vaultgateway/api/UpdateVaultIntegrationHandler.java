package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code updateVaultIntegration}: a JSON merge patch, honouring If-Match; a new secretId is a rotation. */
final class UpdateVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "updateVaultIntegration";

  private final IntegrationService integrations;

  UpdateVaultIntegrationHandler(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @Override
  public void handle(RoutingContext ctx) {
    integrations.update(IntegrationRequests.update(ctx))
      .onSuccess(integration -> IntegrationResponses.send(ctx, 200, integration))
      .onFailure(ctx::fail);
  }
}
