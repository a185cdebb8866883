package io.scrapengine.vaultgateway;

import com.google.crypto.tink.KeysetHandle;
import io.scrapengine.vaultgateway.api.HttpVerticle;
import io.scrapengine.vaultgateway.auth.JwtVerificationOptions;
import io.scrapengine.vaultgateway.bus.LocalMessageCodec;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.CryptoVerticle;
import io.scrapengine.vaultgateway.crypto.KeysetLoader;
import io.scrapengine.vaultgateway.crypto.TinkSecretCipher;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.PersistenceVerticle;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Starts one gateway instance: key material and migrations first (blocking work, off the event loop), then the
 * crypto and persistence verticles, then HTTP, so that an instance listens only when it can serve.
 */
public final class GatewayApp {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

  private final Vertx vertx;
  private final List<String> deployments;

  private GatewayApp(Vertx vertx, List<String> deployments) {
    this.vertx = vertx;
    this.deployments = deployments;
  }

  private record KeyMaterial(KeysetHandle keyset, JWTAuthOptions jwtOptions) {
    @Override
    public String toString() {
      return "KeyMaterial[redacted]";
    }
  }

  public static Future<GatewayApp> start(Vertx vertx, GatewayConfig config) {
    LocalMessageCodec.install(vertx.eventBus());
    PgConnectOptions pgOptions = PgOptions.connectOptions(config.database());
    List<String> deployments = new ArrayList<>();
    DeploymentOptions perCore = new DeploymentOptions().setInstances(config.instances());
    return vertx.executeBlocking(() -> new KeyMaterial(
        KeysetLoader.load(config.profile(), config.crypto(), config.dataDir()),
        JwtVerificationOptions.load(config.profile(), config.auth(), config.dataDir())))
      .compose(keys -> vertx.executeBlocking(() -> Migrations.apply(pgOptions))
        .andThen(migrated -> {
          if (migrated.succeeded()) {
            LOG.info("database migrations applied: {}", migrated.result().migrationsExecuted);
          }
        })
        .compose(ignored -> vertx.fileSystem().readFile(HttpVerticle.CONTRACT_PATH))
        .compose(contract -> {
          TinkSecretCipher cipher = createCipher(keys.keyset());
          return vertx.deployVerticle(() -> new CryptoVerticle(cipher), perCore)
            .andThen(deployed -> deployed.map(deployments::add))
            .compose(ignored -> vertx.deployVerticle(() -> new PersistenceVerticle(pgOptions,
              PgOptions.poolOptions(config.database()), PgOptions.netOptions(config.database())), perCore))
            .andThen(deployed -> deployed.map(deployments::add))
            .compose(ignored -> vertx.deployVerticle(() -> new HttpVerticle(config, keys.jwtOptions(), contract),
              perCore))
            .andThen(deployed -> deployed.map(deployments::add));
        }))
      .map(ignored -> {
        LOG.info("vault gateway ({} profile) listening on {}:{} with {} instance(s) per verticle",
          config.profile().name().toLowerCase(), config.http().host(), config.http().port(), config.instances());
        return new GatewayApp(vertx, deployments);
      })
      .recover(failure -> undeployAll(vertx, deployments).transform(ignored -> Future.failedFuture(failure)));
  }

  private static TinkSecretCipher createCipher(KeysetHandle keyset) {
    try {
      return TinkSecretCipher.create(keyset);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the keyset cannot produce an AEAD primitive");
    }
  }

  /** Undeploys HTTP first, draining in-flight requests, then the verticles it depends on. */
  public Future<Void> stop() {
    LOG.info("vault gateway stopping: draining in-flight requests");
    return undeployAll(vertx, deployments);
  }

  private static Future<Void> undeployAll(Vertx vertx, List<String> deployments) {
    List<String> newestFirst = new ArrayList<>(deployments);
    Collections.reverse(newestFirst);
    deployments.clear();
    Future<Void> chain = Future.succeededFuture();
    for (String id : newestFirst) {
      chain = chain.compose(ignored -> vertx.undeploy(id).otherwiseEmpty());
    }
    return chain;
  }
}
