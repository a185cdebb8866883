package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.model.IntegrationChanged;
import io.scrapengine.vaultgateway.model.keys.KeysetAnnounced;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Hears what other instances change in PostgreSQL (LISTEN/NOTIFY, the only thing instances share) and tells this
 * instance's owners over the local event bus. One per process. The subscriber reconnects by itself; what is missed
 * while it is away costs little, since every resolve carries the integration's current version.
 */
public final class ChangeFeedVerticle extends VerticleBase {

  /** Published (to every listener of this process) with an {@link IntegrationChanged}. */
  public static final String INTEGRATION_CHANGED = "vault-gateway.changes.integration";
  /**
   * Published with a {@link KeysetAnnounced}: a new data keyset version (migration V10's trigger), or, after every
   * (re)subscription, {@link KeysetAnnounced#MAYBE_MISSED}.
   */
  public static final String KEYSET_ANNOUNCED = "vault-gateway.changes.keyset";
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedVerticle.class);
  private static final long RECONNECT_DELAY_MS = 1_000;
  static final String APPLICATION_NAME = "vault-gateway-change-feed";

  private final PgConnectOptions connectOptions;
  private PgSubscriber subscriber;

  public ChangeFeedVerticle(PgConnectOptions connectOptions) {
    this.connectOptions = connectOptions;
  }

  @Override
  public Future<?> start() {
    // named apart from the pool's connections in pg_stat_activity
    PgConnectOptions listening = new PgConnectOptions(connectOptions)
      .addProperty("application_name", APPLICATION_NAME);
    subscriber = PgSubscriber.subscriber(vertx, listening)
      .reconnectPolicy(retries -> RECONNECT_DELAY_MS);
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    subscriber.channel(IntegrationRepository.CHANGES_CHANNEL).handler(payload -> {
      try {
        vertx.eventBus().publish(INTEGRATION_CHANGED, new IntegrationChanged(UUID.fromString(payload)), local);
      } catch (IllegalArgumentException e) {
        LOG.warn("ignoring a change notification that is not an integration id");
      }
    });
    subscriber.channel(KeysetRepository.ANNOUNCE_CHANNEL)
      .subscribeHandler(ignored -> vertx.eventBus().publish(KEYSET_ANNOUNCED, KeysetAnnounced.MAYBE_MISSED, local))
      .handler(payload -> {
        try {
          vertx.eventBus().publish(KEYSET_ANNOUNCED, new KeysetAnnounced(Long.parseLong(payload.trim())), local);
        } catch (NumberFormatException e) {
          LOG.warn("ignoring a keyset announcement that is not a version number");
        }
      });
    subscriber.closeHandler(ignored -> LOG.info("change feed disconnected from PostgreSQL; reconnecting"));
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }
}
