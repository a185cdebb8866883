package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.Observability;
import io.scrapengine.vaultgateway.Services;
import io.scrapengine.vaultgateway.api.openapi.ContractRoutes;
import io.scrapengine.vaultgateway.auth.TokenVerifier;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * Builds the HTTP surface from the contract: body limit, then bearer authentication and scopes, then contract
 * validation, then the operation's handler (parse, one service call, render). Everything that fails lands in
 * {@link FailureResponder}.
 */
public final class ApiRouter {

  public static final String CONTRACT_PATH = "schemas/openapi.yaml";
  public static final String SECURITY_SCHEME = "bearerAuth";
  static final String REALM = "vault-gateway";

  private ApiRouter() {
  }

  /**
   * @param contract       the contract as loaded by {@link ContractRoutes#loadContract}, one per event loop
   * @param contractSource the contract as published at {@code /openapi.yaml}
   * @param publishedContract the same, parsed, as published at {@code /openapi.json}
   */
  public static Router create(Vertx vertx, OpenAPIContract contract, Buffer contractSource,
                              JsonObject publishedContract, GatewayConfig config,
                              TokenVerifier verifier, Services services, Observability observability) {
    int bodyLimitBytes = config.http().bodyLimitBytes();
    IntegrationService integrations = services.integrations();
    ContractRoutes routes = ContractRoutes.create(vertx, contract, bodyLimitBytes);
    routes.builder().security(SECURITY_SCHEME).httpHandler(BearerAuthHandler.create(verifier));
    routes
      .handle(CreateVaultIntegrationHandler.OPERATION_ID, new CreateVaultIntegrationHandler(integrations))
      .handle(ListVaultIntegrationsHandler.OPERATION_ID,
        new ListVaultIntegrationsHandler(integrations, new ListCursors(services.keyring())))
      .handle(GetVaultIntegrationHandler.OPERATION_ID, new GetVaultIntegrationHandler(integrations))
      .handle(UpdateVaultIntegrationHandler.OPERATION_ID, new UpdateVaultIntegrationHandler(integrations))
      .handle(DeleteVaultIntegrationHandler.OPERATION_ID, new DeleteVaultIntegrationHandler(integrations))
      .handle(TestVaultIntegrationHandler.OPERATION_ID, new TestVaultIntegrationHandler(integrations))
      .handle(TestUnsavedVaultIntegrationHandler.OPERATION_ID, new TestUnsavedVaultIntegrationHandler(integrations));
    FailureResponder failures = new FailureResponder(REALM, bodyLimitBytes);
    Router api = routes.createRouter();
    api.route().failureHandler(failures);

    // Operations are mounted relative to the servers' base path, and vertx-openapi reads path parameters from
    // the full request path: so the contract's routes live under exactly that base path.
    Router router = Router.router(vertx);
    OperabilityRoutes.mountFirst(router, config, observability);
    router.route(routes.basePath() + "/*").subRouter(api);
    DocsRoutes.mount(router, contractSource, publishedContract);
    HealthRoutes.mount(vertx, router, services.store(), services.keyring());
    OperabilityRoutes.mountMetrics(router, observability);

    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    router.errorHandler(500, failures);
    return router;
  }
}
