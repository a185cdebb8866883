package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.auth.TokenVerifier;
import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionCheck;
import io.scrapengine.vaultgateway.vault.VaultClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.concurrent.TimeUnit;

/** One HTTP server instance; Vert.x spreads connections over the instances sharing the port. */
public final class HttpVerticle extends VerticleBase {

  public static final String CONTRACT_PATH = "schemas/openapi.yaml";

  private final GatewayConfig config;
  private final JWTAuthOptions jwtOptions;
  private final Buffer contractSource;
  private HttpServer server;
  private VaultClient vaultClient;

  public HttpVerticle(GatewayConfig config, JWTAuthOptions jwtOptions, Buffer contractSource) {
    this.config = config;
    this.jwtOptions = jwtOptions;
    this.contractSource = contractSource;
  }

  @Override
  public Future<?> start() {
    BusClient bus = new BusClient(vertx.eventBus(), config.eventBusTimeoutMs());
    TokenVerifier verifier = TokenVerifier.create(JWTAuth.create(vertx, jwtOptions),
      config.auth().tenantClaim(), config.auth().tokenCacheSize());
    vaultClient = VaultClient.create(vertx, config.vault().clientOptions());
    return RouterContract.load(vertx, CONTRACT_PATH)
      .map(contract -> ApiRouter.create(vertx, contract, contractSource, config.http().bodyLimitBytes(), verifier,
        new CryptoClient(bus), new StoreClient(bus), ConnectionCheck.create(vaultClient)))
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
    Future<Void> drained = server == null ? Future.succeededFuture()
      : server.shutdown(config.http().shutdownGraceSeconds(), TimeUnit.SECONDS);
    return drained.eventually(() -> vaultClient == null ? Future.succeededFuture() : vaultClient.close());
  }
}
