package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code deleteVaultIntegration}: removes the integration and its encrypted secret_id; honours If-Match. */
final class DeleteVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "deleteVaultIntegration";

  private final IntegrationService integrations;

  DeleteVaultIntegrationHandler(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @Override
  public void handle(RoutingContext ctx) {
    integrations.delete(Requests.integrationRef(ctx), EntityTags.condition(Requests.header(ctx, "If-Match")),
        Requests.actor(ctx))
      .onSuccess(ignored -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
