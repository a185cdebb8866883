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
  private final Observability observability;
  private HttpServer server;

  public HttpVerticle(GatewayConfig config, VerificationKeys keys, Buffer contractSource, Services services,
                      Observability observability) {
    this.config = config;
    this.keys = keys;
    this.contractSource = contractSource;
    this.services = services;
    this.observability = observability;
  }

  @Override
  public Future<?> start() {
    TokenVerifier verifier = TokenVerifier.create(vertx, keys, config.auth().tenantClaim(),
      config.auth().tokenCacheSize());
    return Utils.readYamlOrJson(vertx, ApiRouter.CONTRACT_PATH)
      .compose(published -> ContractRoutes.loadContract(vertx, ApiRouter.CONTRACT_PATH)
        .map(contract -> ApiRouter.create(vertx, contract, contractSource, published, config, verifier, services,
          observability)))
      .compose(router -> vertx.createHttpServer(new HttpServerOptions()
          .setHost(config.http().host())
          .setPort(config.http().port())
          .setCompressionSupported(false))
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
