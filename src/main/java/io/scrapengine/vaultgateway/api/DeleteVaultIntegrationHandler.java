package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code deleteVaultIntegration}: removes the row and with it the encrypted secret_id; honours If-Match. */
final class DeleteVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "deleteVaultIntegration";

  private final StoreClient store;

  DeleteVaultIntegrationHandler(StoreClient store) {
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    IntegrationDeletion deletion = new IntegrationDeletion(Requests.integrationRef(ctx),
      EntityTags.condition(Requests.header(ctx, "If-Match")));
    store.deleteIntegration(deletion)
      .onSuccess(ignored -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
