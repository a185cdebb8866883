package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code createVaultIntegration}: 201 with Location and ETag; a replayed Idempotency-Key request says so. */
final class CreateVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "createVaultIntegration";

  private final IntegrationService integrations;

  CreateVaultIntegrationHandler(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @Override
  public void handle(RoutingContext ctx) {
    integrations.create(IntegrationRequests.create(ctx))
      .onSuccess(created -> IntegrationResponses.created(ctx, created))
      .onFailure(ctx::fail);
  }
}
