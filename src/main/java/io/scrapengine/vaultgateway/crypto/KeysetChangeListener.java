package io.scrapengine.vaultgateway.crypto;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears PostgreSQL announce a new data keyset version ({@code NOTIFY} from the trigger of migration V10) on a
 * connection of its own, and reconnects after outages. Notifications can be missed while disconnected, so every
 * (re)subscription also says so: the listener then checks for what it may have missed. The heartbeat timer is the
 * backstop when the connection stays down.
 */
final class KeysetChangeListener {

  static final String CHANNEL = "vault_gateway_data_keyset";
  private static final Logger LOG = LoggerFactory.getLogger(KeysetChangeListener.class);
  private static final long MAX_RECONNECT_DELAY_MS = 30_000;

  private final PgSubscriber subscriber;

  private KeysetChangeListener(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  static KeysetChangeListener create(Vertx vertx, PgConnectOptions options) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(options)
      .setCachePreparedStatements(false))
      .reconnectPolicy(retries -> Math.min(MAX_RECONNECT_DELAY_MS, 250L << Math.min(retries, 7)));
    return new KeysetChangeListener(subscriber);
  }

  /**
   * @param announced  called with each announced version
   * @param subscribed called whenever the subscription is (re)established
   */
  Future<Void> start(Handler<Long> announced, Runnable subscribed) {
    subscriber.channel(CHANNEL)
      .subscribeHandler(ignored -> subscribed.run())
      .handler(payload -> {
        try {
          announced.handle(Long.parseLong(payload.trim()));
        } catch (NumberFormatException e) {
          LOG.warn("ignored a keyset announcement that is not a version number");
        }
      });
    return subscriber.connect()
      .recover(failure -> {
        // the instance still serves; it picks up new versions at its heartbeat until the listener is back
        LOG.warn("cannot listen for keyset changes ({}); relying on the heartbeat", failure.getClass().getSimpleName());
        return Future.succeededFuture();
      });
  }

  Future<Void> close() {
    return subscriber.close();
  }
}
