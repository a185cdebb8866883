package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.Services;
import io.scrapengine.vaultgateway.api.openapi.ContractRoutes;
import io.scrapengine.vaultgateway.auth.TokenVerifier;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance; Vert.x spreads connections over the instances sharing the port. Each instance has its
 * own router and contract (validators are used by one event loop only) and its own token cache.
 */
public final class HttpVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final JWTAuthOptions jwtOptions;
  private final Buffer contractSource;
  private final Services services;
  private HttpServer server;

  public HttpVerticle(GatewayConfig config, JWTAuthOptions jwtOptions, Buffer contractSource, Services services) {
    this.config = config;
    this.jwtOptions = jwtOptions;
    this.contractSource = contractSource;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    TokenVerifier verifier = TokenVerifier.create(JWTAuth.create(vertx, jwtOptions),
      config.auth().tenantClaim(), config.auth().tokenCacheSize());
    return ContractRoutes.loadContract(vertx, ApiRouter.CONTRACT_PATH)
      .map(contract -> ApiRouter.create(vertx, contract, contractSource, config.http().bodyLimitBytes(), verifier,
        services))
      .compose(router -> vertx.createHttpServer(new HttpServerOptions()
          .setHost(config.http().host())
          .setPort(config.http().port())
          .setCompressionSupported(false)
          .setMaxInitialLineLength(InvalidRequests.MAX_INITIAL_LINE_BYTES)
          .setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES)
          .setHttp2ClearTextEnabled(false))
        .connectionHandler(HttpVersionGuard::install)
        .invalidRequestHandler(new InvalidRequests(ApiRouter.REALM))
        .requestHandler(router)
        .listen())
      .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
      : server.shutdown(config.http().shutdownGraceSeconds(), TimeUnit.SECONDS);
  }
}
