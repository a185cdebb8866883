package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.model.keys.InstanceHeartbeat;
import io.scrapengine.vaultgateway.model.keys.KeysetAnnounced;
import io.scrapengine.vaultgateway.store.ChangeFeedVerticle;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Owns the key material: it alone loads the data keyset (from PostgreSQL, through the key-encryption key) into the
 * {@link Keyring} that the rest of the process seals and opens with, and keeps it current. Deploy one instance per
 * process.
 *
 * <p>Staged rotation relies on what it reports: it registers its heartbeat before it first reads the keyset, then
 * records the version it has loaded after every load and on a timer. It reloads when PostgreSQL announces a new
 * version, when a heartbeat answers a newer one than it holds, and when a stored ciphertext names a key it lacks.
 */
public final class CryptoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CryptoVerticle.class);

  private final Keyring keyring;
  private final KeysetStore store;
  private final KeysetLoader loader;
  private final InstanceIdentity identity;
  private final long heartbeatMs;
  private MessageConsumer<KeysetAnnounced> announcements;
  private long heartbeatTimer = -1;
  // single-flight reloads; only touched on this verticle's event loop
  private boolean reloading;
  private boolean reloadAgain;

  public CryptoVerticle(Keyring keyring, KeysetStore store, KeysetLoader loader, InstanceIdentity identity,
                        int heartbeatSeconds) {
    this.keyring = keyring;
    this.store = store;
    this.loader = loader;
    this.identity = identity;
    this.heartbeatMs = heartbeatSeconds * 1000L;
  }

  @Override
  public Future<?> start() {
    keyring.onMissingKey(() -> context.runOnContext(ignored -> reload()));
    // the change feed (one LISTEN connection per process) relays PostgreSQL's announcements
    announcements = vertx.eventBus().<KeysetAnnounced>localConsumer(ChangeFeedVerticle.KEYSET_ANNOUNCED,
      message -> announced(message.body().version()));
    return beat()
      .compose(ignored -> loader.loadOrInitialise())
      .compose(keyset -> {
        install(keyset);
        return beat();
      })
      // an instance that failed to start must not hold up rotations until its heartbeat ages out
      .recover(failure -> store.gone(identity.id()).transform(ignored -> Future.failedFuture(failure)))
      .onSuccess(ignored -> heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> beat()
        .onSuccess(latest -> {
          if (latest > keyring.version()) {
            reload();
          }
        })
        .onFailure(failure -> LOG.warn("keyset heartbeat failed: {}", failure.getMessage()))));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(heartbeatTimer);
    Future<Void> closed = announcements == null ? Future.succeededFuture()
      : announcements.unregister().otherwiseEmpty();
    // a stopped instance no longer holds up rotations
    return closed.compose(ignored -> store.gone(identity.id()).otherwiseEmpty());
  }

  /** A new version, or 0 when announcements may have been missed. */
  private void announced(long version) {
    if (version == 0 || version > keyring.version()) {
      reload();
    }
  }

  /** Loads the newest version if it is newer than what is installed; one reload at a time. */
  private void reload() {
    if (reloading) {
      reloadAgain = true;
      return;
    }
    reloading = true;
    loader.newerThan(keyring.version())
      .compose(newer -> {
        if (newer.isEmpty()) {
          return Future.succeededFuture();
        }
        install(newer.get());
        return beat().mapEmpty();
      })
      .onFailure(failure -> LOG.error("reloading the data keyset failed: {}", failure.getMessage()))
      .onComplete(ignored -> {
        reloading = false;
        if (reloadAgain) {
          reloadAgain = false;
          reload();
        }
      });
  }

  private void install(DataKeyset keyset) {
    try {
      keyring.install(keyset);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the data keyset has no usable AEAD primitive", e);
    }
    LOG.info("data keyset version {} loaded: primary key {}, keys {}", keyset.version(), keyset.primaryKeyId(),
      keyset.keyIds());
  }

  /** Records what is loaded; answers the newest version stored. */
  private Future<Long> beat() {
    List<Long> keyIds = new ArrayList<>(keyring.keyIds());
    return store.heartbeat(new InstanceHeartbeat(identity.id(), identity.host(), identity.pid(), keyring.version(),
      keyIds, keyring.primaryKeyId(), identity.startedAt())).map(InstanceHeartbeat.Reply::latestVersion);
  }
}
