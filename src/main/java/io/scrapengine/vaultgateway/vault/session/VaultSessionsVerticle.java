package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.bus.BusConsumers;
import io.scrapengine.vaultgateway.model.IntegrationAccess;
import io.scrapengine.vaultgateway.model.IntegrationChanged;
import io.scrapengine.vaultgateway.store.ChangeFeedVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Owns the Vault sessions of one shard of the integrations (an integration always goes to the same shard, so
 * each has exactly one session per process and every decision about it is made on one event loop). Deploy one
 * instance per event loop, numbered 0..n-1. Drops the sessions of integrations that changed anywhere in the
 * cluster, drops idle ones, and revokes every token on stop.
 */
public final class VaultSessionsVerticle extends VerticleBase {

  private static final String ADDRESS = "vault-gateway.sessions.";
  private static final long STOP_TIMEOUT_MS = 5_000;

  private final int shard;
  private final SessionDependencies deps;
  private final Map<UUID, IntegrationSession> sessions = new HashMap<>();
  private BusConsumers consumers;
  private MessageConsumer<IntegrationChanged> changes;
  private long sweeper = -1;

  public VaultSessionsVerticle(int shard, SessionDependencies deps) {
    this.shard = shard;
    this.deps = deps;
  }

  static String readAddress(int shard) {
    return ADDRESS + shard + ".read";
  }

  static String testAddress(int shard) {
    return ADDRESS + shard + ".test";
  }

  @Override
  public Future<?> start() {
    consumers = BusConsumers.create(vertx)
      .answer(readAddress(shard), (SecretRead read) -> session(read.access()).read(read.location(), read.actor()))
      .answer(testAddress(shard), (SessionTest test) -> session(test.access()).test(test.path(), test.actor()));
    changes = vertx.eventBus().localConsumer(ChangeFeedVerticle.INTEGRATION_CHANGED,
      message -> drop(message.body().integrationId()));
    long sweepMs = Math.max(1_000, Math.min(30_000, deps.options().idle().toMillis() / 2));
    sweeper = vertx.setPeriodic(sweepMs, id -> dropIdle());
    return Future.all(consumers.completion(), changes.completion());
  }

  /** The session for an integration, replaced when the integration has a newer version than the session's. */
  private IntegrationSession session(IntegrationAccess access) {
    IntegrationSession current = sessions.get(access.integrationId());
    if (current != null && current.version() < access.version()) {
      current.close();
      current = null;
    }
    if (current == null) {
      current = new IntegrationSession(vertx, deps, access);
      sessions.put(access.integrationId(), current);
    } else {
      current.seen(access);
    }
    return current;
  }

  private void drop(UUID integrationId) {
    IntegrationSession gone = sessions.remove(integrationId);
    if (gone != null) {
      gone.close();
    }
  }

  private void dropIdle() {
    long now = deps.clock().millis();
    List<UUID> idle = new ArrayList<>();
    sessions.forEach((id, session) -> {
      if (session.idle(now)) {
        idle.add(id);
      }
    });
    idle.forEach(this::drop);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    List<Future<Void>> revoked = new ArrayList<>();
    sessions.values().forEach(session -> revoked.add(session.close()));
    sessions.clear();
    Future<Void> unregistered = consumers == null ? Future.succeededFuture() : consumers.close();
    return Future.join(revoked).timeout(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS).otherwiseEmpty()
      .eventually(() -> unregistered)
      .eventually(() -> changes == null ? Future.succeededFuture() : changes.unregister());
  }
}
