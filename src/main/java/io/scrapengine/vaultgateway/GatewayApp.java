package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.api.ApiRouter;
import io.scrapengine.vaultgateway.api.HttpVerticle;
import io.scrapengine.vaultgateway.auth.JwksCache;
import io.scrapengine.vaultgateway.auth.JwtVerificationOptions;
import io.scrapengine.vaultgateway.auth.VerificationKeys;
import io.scrapengine.vaultgateway.bus.LocalMessageCodec;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.config.ProductionReadiness;
import io.scrapengine.vaultgateway.store.DatabaseCreation;
import io.scrapengine.vaultgateway.crypto.CryptoVerticle;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.PersistenceVerticle;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Starts one gateway instance: the keys first (a bad keyset stops the start before anything else happens), then
 * migrations (blocking work, off the event loop), then the persistence verticles, the services and HTTP, so that
 * an instance listens only when it can serve. It stops in the reverse order, HTTP draining first.
 */
public final class GatewayApp {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  private final Vertx vertx;
  /** What to stop, in the order to stop it: undeployments and closes, newest first. */
  private final Deque<StopStep> started = new ArrayDeque<>();

  private GatewayApp(Vertx vertx) {
    this.vertx = vertx;
  }

  @FunctionalInterface
  private interface StopStep {
    Future<?> run();
  }

  /**
   * One event loop per verticle instance: each loop then hosts one HTTP and one persistence instance, and a
   * request is served on one thread from the socket to the database and back.
   */
  public static VertxOptions vertxOptions(GatewayConfig config) {
    return new VertxOptions().setEventLoopPoolSize(config.instances());
  }

  /** A Vert.x built with the process's metrics and tracing. */
  public static Vertx vertx(GatewayConfig config, Observability observability) {
    return observability.vertx(vertxOptions(config));
  }

  /** Starts on a Vert.x made elsewhere, with the gateway's own meters but without Vert.x meters or tracing. */
  public static Future<GatewayApp> start(Vertx vertx, GatewayConfig config) {
    return start(vertx, config, Observability.detached(config));
  }

  public static Future<GatewayApp> start(Vertx vertx, GatewayConfig config, Observability observability) {
    try {
      ProductionReadiness.require(config);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    LocalMessageCodec.install(vertx.eventBus());
    GatewayApp app = new GatewayApp(vertx);
    PgConnectOptions pgOptions = PgOptions.connectOptions(config.database());
    DeploymentOptions perLoop = new DeploymentOptions().setInstances(config.instances());
    Keyring keyring = Keyring.create();
    return vertx.executeBlocking(() -> JwtVerificationOptions.load(config.profile(), config.auth(), config.dataDir()))
      .compose(jwtOptions -> !config.auth().hasJwksUrl()
        ? Future.succeededFuture(new VerificationKeys(jwtOptions, null))
        : JwksCache.start(vertx, config.auth()).map(jwks -> {
          app.started.push(jwks::close);
          return new VerificationKeys(jwtOptions, jwks);
        }))
      .compose(keys -> app.deploy(vertx.deployVerticle(new CryptoVerticle(keyring, config.profile(),
          config.crypto(), config.dataDir())))
        .compose(ignored -> vertx.executeBlocking(() -> DatabaseCreation.ensureExists(pgOptions)))
        .compose(ignored -> vertx.executeBlocking(() -> Migrations.apply(pgOptions)))
        .andThen(migrated -> migrated.map(result -> {
          LOG.info("database migrations applied: {}", result.migrationsExecuted);
          return result;
        }))
        .compose(ignored -> app.deploy(vertx.deployVerticle(() -> new PersistenceVerticle(pgOptions,
          PgOptions.poolOptions(config.database(), pgOptions), PgOptions.netOptions(config.database())), perLoop)))
        .compose(ignored -> vertx.fileSystem().readFile(ApiRouter.CONTRACT_PATH))
        .compose(contract -> {
          Services services = Services.create(vertx, config, keyring, observability.metrics());
          app.started.push(services::close);
          return app.deploy(vertx.deployVerticle(() -> new HttpVerticle(config, keys, contract, services,
            observability), perLoop));
        }))
      .map(ignored -> {
        LOG.info("vault gateway ({} profile) listening on {}:{} with {} instance(s) per verticle",
          config.profile().name().toLowerCase(), config.http().host(), config.http().port(), config.instances());
        return app;
      })
      .recover(failure -> app.stop().transform(ignored -> Future.failedFuture(failure)));
  }

  private Future<String> deploy(Future<String> deployment) {
    return deployment.onSuccess(id -> started.push(() -> vertx.undeploy(id)));
  }

  /** Undeploys HTTP first, draining in-flight requests, then closes the services and what they depend on. */
  public Future<Void> stop() {
    LOG.info("vault gateway stopping: draining in-flight requests");
    Future<Void> chain = Future.succeededFuture();
    while (!started.isEmpty()) {
      StopStep step = started.pop();
      chain = chain.compose(ignored -> step.run().<Void>mapEmpty().otherwiseEmpty());
    }
    return chain;
  }
}
