package io.scrapengine.vaultgateway.api.openapi;

import io.scrapengine.vaultgateway.logging.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;


/**
 * A vertx-openapi router builder with this project's workarounds for vertx-openapi 5.0.x in place: the router's
 * copy of the contract ({@link RouterContract}), validators compiled once ({@link CachedValidatorContract}),
 * string parameters as sent ({@link LiteralStringParameters}), merge-patch bodies ({@link MergePatchContentType}),
 * validation on the event loop ({@link EventLoopValidation}), and a bounded body. Each class says why it exists
 * and when it can go.
 */
public final class ContractRoutes {

  private final RouterBuilder builder;
  private final OpenAPIContract contract;
  private final EventLoopValidation validation;

  private ContractRoutes(RouterBuilder builder, OpenAPIContract contract, EventLoopValidation validation) {
    this.builder = builder;
    this.contract = contract;
    this.validation = validation;
  }

  /** Reads the contract (YAML or JSON) as the router needs it. */
  public static Future<OpenAPIContract> loadContract(Vertx vertx, String path) {
    return RouterContract.load(vertx, path);
  }

  public static ContractRoutes create(Vertx vertx, OpenAPIContract contract, int bodyLimitBytes) {
    RequestExtractor extractor = LiteralStringParameters.create();
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor)
      .rootHandler(new FormBodyRefusal())
      .rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes))
      .rootHandler(MergePatchContentType::normalise);
    return new ContractRoutes(builder, contract, EventLoopValidation.create(vertx, contract, extractor));
  }

  /** For security handlers and anything else the stock builder offers. */
  public RouterBuilder builder() {
    return builder;
  }

  /** Mounts {@code handler} for {@code operationId}, behind security and event-loop validation. */
  public ContractRoutes handle(String operationId, Handler<RoutingContext> handler) {
    return handle(operationId, null, handler);
  }

  /**
   * Mounts {@code handler} for {@code operationId} with {@code admission} (such as a rate limit) between security
   * and validation: it knows the caller, and it sees every request, valid or not.
   */
  public ContractRoutes handle(String operationId, Handler<RoutingContext> admission, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    Operation operation = contract.operation(operationId);
    if (route == null || operation == null) {
      throw new IllegalArgumentException("the contract has no operation " + operationId);
    }
    // the route template, for access logs and metrics: on success after security, and on any failure
    String template = basePath() + operation.getOpenAPIPath();
    route.setDoValidation(false)
      .addHandler(ctx -> {
        RequestScope.routeKnown(template);
        ctx.next();
      })
      .addFailureHandler(ctx -> {
        RequestScope.routeKnown(template);
        ctx.next();
      });
    if (admission != null) {
      route.addHandler(admission);
    }
    route.addHandler(ctx -> validation.validate(ctx, operation))
      .addHandler(handler);
    return this;
  }

  public Router createRouter() {
    return builder.createRouter();
  }

  /** The base path of the contract's first server, without a trailing slash ("" when there is none). */
  public String basePath() {
    String basePath = contract.getServers().isEmpty() ? "" : contract.getServers().get(0).getBasePath();
    return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
  }
}
