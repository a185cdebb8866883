package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code testUnsavedVaultIntegration}: the connection test on a create-shaped body (and {@code ?path=}). */
final class TestUnsavedVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "testUnsavedVaultIntegration";

  private final IntegrationService integrations;

  TestUnsavedVaultIntegrationHandler(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @Override
  public void handle(RoutingContext ctx) {
    integrations.testUnsaved(IntegrationRequests.draft(Requests.body(ctx)), Requests.query(ctx, "path"))
      .onSuccess(result -> IntegrationResponses.json(ctx, result.toJson()))
      .onFailure(ctx::fail);
  }
}
