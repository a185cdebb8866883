package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code getVaultIntegration}: one integration of the caller's tenant, with its ETag. */
final class GetVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "getVaultIntegration";

  private final StoreClient store;

  GetVaultIntegrationHandler(StoreClient store) {
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    store.getIntegration(Requests.integrationRef(ctx))
      .onSuccess(integration -> IntegrationResponses.send(ctx, 200, integration))
      .onFailure(ctx::fail);
  }
}
