package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.api.ApiRouter;
import io.scrapengine.vaultgateway.api.HttpVerticle;
import io.scrapengine.vaultgateway.api.RateLimits;
import io.scrapengine.vaultgateway.api.ServingState;
import io.scrapengine.vaultgateway.auth.JwksCache;
import io.scrapengine.vaultgateway.auth.JwtVerificationOptions;
import io.scrapengine.vaultgateway.auth.VerificationKeys;
import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.bus.LocalMessageCodec;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.config.ProductionReadiness;
import io.scrapengine.vaultgateway.store.DatabaseCreation;
import io.scrapengine.vaultgateway.crypto.CryptoVerticle;
import io.scrapengine.vaultgateway.crypto.InstanceIdentity;
import io.scrapengine.vaultgateway.crypto.KekSources;
import io.scrapengine.vaultgateway.crypto.KeysetLoader;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.ChangeFeedVerticle;
import io.scrapengine.vaultgateway.store.PersistenceOptions;
import io.scrapengine.vaultgateway.store.PersistenceVerticle;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.scrapengine.vaultgateway.vault.session.VaultSessionsVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts one gateway instance: the key-encryption key first (a missing or dev KEK in production stops the start
 * before anything else happens), then migrations (blocking work, off the event loop), the persistence verticles
 * and the change feed, the crypto verticle (which loads the data keyset from the database), the services, the
 * Vault session owners and HTTP, so that an instance listens only when it can serve. It stops in the reverse
 * order: HTTP drains, sessions revoke their tokens, then the rest closes.
 */
public final class GatewayApp {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final ServingState serving = ServingState.create();
  private Future<Void> stopping;
  /** What to stop, in the order to stop it: undeployments and closes, newest first. */
  private final Deque<StopStep> started = new ArrayDeque<>();

  private GatewayApp(Vertx vertx, GatewayConfig config) {
    this.vertx = vertx;
    this.config = config;
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
    GatewayApp app = new GatewayApp(vertx, config);
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
      .compose(keys -> KekSources.create(vertx, config.profile(), config.crypto(), config.dataDir())
        .compose(kek -> {
          app.started.push(kek::close);
          return vertx.executeBlocking(() -> DatabaseCreation.ensureExists(pgOptions))
            .compose(ignored -> vertx.executeBlocking(() -> Migrations.apply(pgOptions)))
            .andThen(migrated -> migrated.map(result -> {
              LOG.info("database migrations applied: {}", result.migrationsExecuted);
              return result;
            }))
            .compose(ignored -> app.deploy(vertx.deployVerticle(() -> new PersistenceVerticle(
              PersistenceOptions.from(config.database(), pgOptions, config.audit().retentionDays())), perLoop)))
            .compose(ignored -> app.deploy(vertx.deployVerticle(new ChangeFeedVerticle(pgOptions))))
            // the keyset lives in the database: keys load once the store answers, before anything serves
            .compose(ignored -> vertx.executeBlocking(InstanceIdentity::create))
            .compose(identity -> {
              KeysetStore keysets = KeysetStore.create(BusClient.create(vertx, config.eventBusTimeoutMs()));
              return app.deploy(vertx.deployVerticle(new CryptoVerticle(keyring, keysets,
                new KeysetLoader(vertx, keysets, kek, config.profile(), config.crypto(), config.dataDir()), identity,
                config.crypto().heartbeatSeconds())));
            });
        })
        .compose(ignored -> vertx.fileSystem().readFile(ApiRouter.CONTRACT_PATH))
        .compose(contract -> {
          Services services = Services.create(vertx, config, keyring, observability.metrics());
          app.started.push(services::close);
          RateLimits limits = RateLimits.create(vertx, config.http().rateLimits());
          app.started.push(() -> {
            limits.close();
            return Future.succeededFuture();
          });
          // the session owners are numbered: an integration's id picks its one owner in the process
          AtomicInteger shard = new AtomicInteger();
          return app.deploy(vertx.deployVerticle(() -> new VaultSessionsVerticle(shard.getAndIncrement(),
              services.sessionDependencies()), perLoop))
            .compose(ignored -> app.deploy(vertx.deployVerticle(
              () -> new HttpVerticle(config, keys, contract, services, app.serving, limits, observability), perLoop)));
        }))
      .map(ignored -> {
        app.serving.startAccepting();
        LOG.info("vault gateway ({} profile) listening on {}:{} with {} instance(s) per verticle",
          config.profile().name().toLowerCase(), config.http().host(), config.http().port(), config.instances());
        return app;
      })
      .recover(failure -> app.stop().transform(ignored -> Future.failedFuture(failure)));
  }

  private Future<String> deploy(Future<String> deployment) {
    return deployment.onSuccess(id -> started.push(() -> vertx.undeploy(id)));
  }

  /**
   * Stops without dropping a request: readiness fails at once and answers close their connections, while the
   * server goes on accepting and serving for the drain period (HTTP_DRAIN_SECONDS), long enough for a load
   * balancer's health check to take the instance out; then HTTP stops accepting and waits for requests in flight
   * up to the grace (HTTP_SHUTDOWN_GRACE_SECONDS); then the services, the pools and the keys close, in the reverse
   * order of their start.
   */
  public Future<Void> stop() {
    if (serving.draining()) {
      return stopping;
    }
    serving.startDraining();
    int drainSeconds = serving.accepting() ? config.http().drainSeconds() : 0;
    LOG.info("vault gateway stopping: readiness is down, serving {} s more with Connection: close", drainSeconds);
    Promise<Void> drained = Promise.promise();
    if (drainSeconds == 0) {
      drained.complete();
    } else {
      vertx.setTimer(drainSeconds * 1000L, fired -> drained.complete());
    }
    stopping = drained.future().compose(ignored -> {
      LOG.info("vault gateway stopping: no longer accepting; waiting up to {} s for requests in flight",
        config.http().shutdownGraceSeconds());
      return stopStarted().andThen(stopped -> LOG.info("vault gateway stopped"));
    });
    return stopping;
  }

  private Future<Void> stopStarted() {
    Future<Void> chain = Future.succeededFuture();
    while (!started.isEmpty()) {
      StopStep step = started.pop();
      chain = chain.compose(ignored -> step.run().<Void>mapEmpty().otherwiseEmpty());
    }
    return chain;
  }
}
