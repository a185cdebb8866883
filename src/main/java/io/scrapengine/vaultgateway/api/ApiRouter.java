package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.auth.TokenVerifier;
import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionCheck;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * Builds the HTTP surface from the contract: body limit, then bearer authentication and scopes, then contract
 * validation, then the operation handler. Everything that fails lands in {@link FailureResponder}.
 */
public final class ApiRouter {

  public static final String SECURITY_SCHEME = "bearerAuth";
  static final String REALM = "vault-gateway";

  private ApiRouter() {
  }

  public static Router create(Vertx vertx, OpenAPIContract contract, Buffer contractSource, int bodyLimitBytes,
                              TokenVerifier verifier, CryptoClient crypto, StoreClient store,
                              ConnectionCheck connectionCheck) {
    VaultChecks checks = new VaultChecks(connectionCheck);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, LiteralStringParameters.create())
      .rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes))
      .rootHandler(MergePatchContentType::normalise)
      .security(SECURITY_SCHEME).httpHandler(BearerAuthHandler.create(verifier));
    builder.getRoute(CreateVaultIntegrationHandler.OPERATION_ID)
      .addHandler(new CreateVaultIntegrationHandler(crypto, store, checks));
    builder.getRoute(ListVaultIntegrationsHandler.OPERATION_ID)
      .addHandler(new ListVaultIntegrationsHandler(store, new ListCursors(crypto)));
    builder.getRoute(GetVaultIntegrationHandler.OPERATION_ID)
      .addHandler(new GetVaultIntegrationHandler(store));
    builder.getRoute(UpdateVaultIntegrationHandler.OPERATION_ID)
      .addHandler(new UpdateVaultIntegrationHandler(crypto, store));
    builder.getRoute(DeleteVaultIntegrationHandler.OPERATION_ID)
      .addHandler(new DeleteVaultIntegrationHandler(store));
    builder.getRoute(TestVaultIntegrationHandler.OPERATION_ID)
      .addHandler(new TestVaultIntegrationHandler(crypto, store, checks));
    builder.getRoute(TestUnsavedVaultIntegrationHandler.OPERATION_ID)
      .addHandler(new TestUnsavedVaultIntegrationHandler(checks));
    FailureResponder failures = new FailureResponder(REALM, bodyLimitBytes);
    Router api = builder.createRouter();
    api.route().failureHandler(failures);

    // Operations are mounted relative to the servers' base path, and vertx-openapi reads path parameters from
    // the full request path: so the contract's routes live under exactly that base path.
    Router router = Router.router(vertx);
    router.route(basePath(contract) + "/*").subRouter(api);
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/yaml")
      .end(contractSource));
    HealthRoutes.mount(vertx, router, store, crypto);

    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    router.errorHandler(500, failures);
    return router;
  }

  private static String basePath(OpenAPIContract contract) {
    String basePath = contract.getServers().isEmpty() ? "" : contract.getServers().get(0).getBasePath();
    return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
  }
}
