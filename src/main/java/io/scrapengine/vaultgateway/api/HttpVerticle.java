package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.Observability;
import io.scrapengine.vaultgateway.Services;
import io.scrapengine.vaultgateway.api.openapi.ContractRoutes;
import io.scrapengine.vaultgateway.auth.TokenVerifier;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.scrapengine.vaultgateway.auth.VerificationKeys;
import io.vertx.openapi.impl.Utils;

import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance; Vert.x spreads connections over the instances sharing the port. Each instance has its
 * own router and contract (validators are used by one event loop only) and its own token cache.
 */
public final class HttpVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final VerificationKeys keys;
  private final Buffer contractSource;
  private final Services services;
  private final ServingState serving;
  private final RateLimits limits;
  private final Observability observability;
  private HttpServer server;

  /** @param serving and {@code limits} are the process's, shared by all its HTTP verticles */
  public HttpVerticle(GatewayConfig config, VerificationKeys keys, Buffer contractSource, Services services,
                      ServingState serving, RateLimits limits, Observability observability) {
    this.config = config;
    this.keys = keys;
    this.contractSource = contractSource;
    this.services = services;
    this.serving = serving;
    this.limits = limits;
    this.observability = observability;
  }

  @Override
  public Future<?> start() {
    TokenVerifier verifier = TokenVerifier.create(vertx, keys, config.auth().tenantClaim(),
      config.auth().tokenCacheSize());
    ConnectionGuard connections = new ConnectionGuard(vertx, serving, config.http());
    return Utils.readYamlOrJson(vertx, ApiRouter.CONTRACT_PATH)
      .compose(published -> ContractRoutes.loadContract(vertx, ApiRouter.CONTRACT_PATH)
        .map(contract -> ApiRouter.create(vertx, contract, contractSource, published, config, verifier, services,
          connections, limits, observability)))
      .compose(router -> vertx.createHttpServer(new HttpServerOptions()
          .setHost(config.http().host())
          .setPort(config.http().port())
          .setCompressionSupported(false)
          .setMaxInitialLineLength(InvalidRequests.MAX_INITIAL_LINE_BYTES)
          .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES)
          .setHttp2ClearTextEnabled(false)
          .setIdleTimeout(config.http().idleTimeoutSeconds())
          .setIdleTimeoutUnit(TimeUnit.SECONDS))
        .connectionHandler(connections::onConnection)
        .invalidRequestHandler(new InvalidRequests(ApiRouter.REALM))
        .requestHandler(connections.requests(router))
        .listen())
      .onSuccess(listening -> server = listening);
  }

  /**
   * Stops accepting connections and waits up to the grace for the requests in flight; by the time this runs the
   * process has drained (see GatewayApp.stop), so load balancers have moved away.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
      : server.shutdown(config.http().shutdownGraceSeconds(), TimeUnit.SECONDS);
  }
}
