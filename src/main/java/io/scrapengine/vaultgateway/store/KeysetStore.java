package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.keys.CiphertextPage;
import io.scrapengine.vaultgateway.model.keys.CiphertextReplacements;
import io.scrapengine.vaultgateway.model.keys.InstanceHeartbeat;
import io.scrapengine.vaultgateway.model.keys.KeyIdsInUse;
import io.scrapengine.vaultgateway.model.keys.KeyUsage;
import io.scrapengine.vaultgateway.model.keys.KeysetLookup;
import io.scrapengine.vaultgateway.model.keys.LiveInstances;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * Key management's view of the persistence verticle: the encrypted data keyset's versions, the instances'
 * heartbeats, and the stored ciphertexts by key. The crypto verticle and the {@code keys} commands use it.
 */
public final class KeysetStore {

  private final BusClient bus;

  private KeysetStore(BusClient bus) {
    this.bus = bus;
  }

  public static KeysetStore create(BusClient bus) {
    return new KeysetStore(bus);
  }

  public Future<KeysetLookup> latest() {
    return bus.request(KeysetMessages.LATEST, KeysetLookup.Latest.INSTANCE);
  }

  /** Stores a new version; fails with CONFLICT when that version was stored first by someone else. */
  public Future<StoredKeyset> insert(StoredKeyset keyset) {
    return bus.request(KeysetMessages.INSERT, keyset);
  }

  public Future<InstanceHeartbeat.Reply> heartbeat(InstanceHeartbeat beat) {
    return bus.request(KeysetMessages.HEARTBEAT, beat);
  }

  public Future<Void> gone(UUID instanceId) {
    return bus.request(KeysetMessages.GONE, new InstanceHeartbeat.Gone(instanceId)).mapEmpty();
  }

  public Future<LiveInstances> liveInstances(int withinSeconds) {
    return bus.request(KeysetMessages.LIVE_INSTANCES, new LiveInstances.Query(withinSeconds));
  }

  public Future<KeyUsage> keyUsage() {
    return bus.request(KeysetMessages.KEY_USAGE, KeyUsage.Count.INSTANCE);
  }

  public Future<KeyIdsInUse> keyIdsInUse() {
    return bus.request(KeysetMessages.KEY_IDS_IN_USE, KeyIdsInUse.Query.INSTANCE);
  }

  public Future<CiphertextPage.Result> ciphertexts(CiphertextPage page) {
    return bus.request(KeysetMessages.CIPHERTEXT_PAGE, page);
  }

  public Future<CiphertextReplacements.Outcome> replace(CiphertextReplacements replacements) {
    return bus.request(KeysetMessages.REPLACE_CIPHERTEXTS, replacements);
  }
}
