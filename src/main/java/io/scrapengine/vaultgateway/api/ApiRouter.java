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
  private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 406, 408, 411, 412, 413, 414, 415, 416, 417,
    422, 429, 431, 500, 501, 502, 503, 505};

  private ApiRouter() {
  }

  /**
   * @param contract       the contract as loaded by {@link ContractRoutes#loadContract}, one per event loop
   * @param contractSource the contract as published at {@code /openapi.yaml}
   * @param publishedContract the same, parsed, as published at {@code /openapi.json}
   */
  static Router create(Vertx vertx, OpenAPIContract contract, Buffer contractSource, JsonObject publishedContract,
                       GatewayConfig config, TokenVerifier verifier, Services services, ConnectionGuard connections,
                       RateLimits limits, Observability observability) {
    int bodyLimitBytes = config.http().bodyLimitBytes();
    IntegrationService integrations = services.integrations();
    ListCursors cursors = new ListCursors(services.keyring());
    CredentialHandlers credentials = new CredentialHandlers(services.credentials(), cursors);
    ContractRoutes routes = ContractRoutes.create(vertx, contract, bodyLimitBytes);
    routes.builder().security(SECURITY_SCHEME).httpHandler(BearerAuthHandler.create(verifier));
    routes
      .handle(CreateVaultIntegrationHandler.OPERATION_ID, limits.of(RateClass.WRITES),
        new CreateVaultIntegrationHandler(integrations))
      .handle(ListVaultIntegrationsHandler.OPERATION_ID,
        new ListVaultIntegrationsHandler(integrations, cursors))
      .handle(GetVaultIntegrationHandler.OPERATION_ID, new GetVaultIntegrationHandler(integrations))
      .handle(UpdateVaultIntegrationHandler.OPERATION_ID, limits.of(RateClass.WRITES),
        new UpdateVaultIntegrationHandler(integrations))
      .handle(DeleteVaultIntegrationHandler.OPERATION_ID, limits.of(RateClass.WRITES),
        new DeleteVaultIntegrationHandler(integrations))
      .handle(TestVaultIntegrationHandler.OPERATION_ID, limits.of(RateClass.TESTS),
        new TestVaultIntegrationHandler(integrations))
      .handle(TestUnsavedVaultIntegrationHandler.OPERATION_ID, limits.of(RateClass.TESTS),
        new TestUnsavedVaultIntegrationHandler(integrations))
      .handle(CredentialHandlers.CREATE, limits.of(RateClass.WRITES), credentials.create())
      .handle(CredentialHandlers.LIST, credentials.list())
      .handle(CredentialHandlers.GET, credentials.get())
      .handle(CredentialHandlers.UPDATE, limits.of(RateClass.WRITES), credentials.update())
      .handle(CredentialHandlers.DELETE, limits.of(RateClass.WRITES), credentials.delete())
      .handle(CredentialHandlers.RESOLVE, limits.of(RateClass.RESOLVES), credentials.resolve())
      .handle(ListAuditEventsHandler.OPERATION_ID, new ListAuditEventsHandler(services.audit(), cursors));
    FailureResponder failures = new FailureResponder(REALM, bodyLimitBytes);
    Router api = routes.createRouter();
    api.route().failureHandler(failures);

    // Operations are mounted relative to the servers' base path, and vertx-openapi reads path parameters from
    // the full request path: so the contract's routes live under exactly that base path.
    Router router = Router.router(vertx);
    // first the request's id, logging context and access line, so that every answer below has them
    OperabilityRoutes.mountFirst(router, config, observability);
    router.route().handler(connections::onAnswer);
    router.route(routes.basePath() + "/*").subRouter(api);
    DocsRoutes.mount(router, contractSource, publishedContract);
    HealthRoutes.mount(vertx, router, services.store(), services.keyReadiness(), connections.state());
    OperabilityRoutes.mountMetrics(router, observability);

    router.route().failureHandler(failures);
    // vertx-web answers what it fails before any route matches (an undecodable path, a missing Host) through its
    // error handlers, with a plain-text body unless told otherwise
    for (int status : ERROR_STATUSES) {
      router.errorHandler(status, failures.forStatus(status));
      api.errorHandler(status, failures.forStatus(status));
    }
    return router;
  }
}
