package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusConsumers;
import io.scrapengine.vaultgateway.model.keys.CiphertextPage;
import io.scrapengine.vaultgateway.model.keys.CiphertextReplacements;
import io.scrapengine.vaultgateway.model.keys.InstanceHeartbeat;
import io.scrapengine.vaultgateway.model.keys.KeyIdsInUse;
import io.scrapengine.vaultgateway.model.keys.KeyUsage;
import io.scrapengine.vaultgateway.model.keys.KeysetLookup;
import io.scrapengine.vaultgateway.model.keys.LiveInstances;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.vertx.sqlclient.Pool;

/** The key-management operations a persistence verticle answers, on its pool. */
final class KeysetAnswers {

  private KeysetAnswers() {
  }

  static BusConsumers register(BusConsumers consumers, Pool pool) {
    KeysetRepository keysets = new KeysetRepository(pool);
    CiphertextRepository ciphertexts = new CiphertextRepository(pool);
    return consumers
      .answer(KeysetMessages.LATEST, (KeysetLookup.Latest request) -> keysets.latest())
      .answer(KeysetMessages.INSERT, (StoredKeyset request) -> keysets.insert(request))
      .answer(KeysetMessages.HEARTBEAT, (InstanceHeartbeat request) -> keysets.heartbeat(request))
      .answer(KeysetMessages.GONE, (InstanceHeartbeat.Gone request) -> keysets.gone(request).mapEmpty())
      .answer(KeysetMessages.LIVE_INSTANCES, (LiveInstances.Query request) -> keysets.live(request))
      .answer(KeysetMessages.KEY_USAGE, (KeyUsage.Count request) -> keysets.usage())
      .answer(KeysetMessages.KEY_IDS_IN_USE, (KeyIdsInUse.Query request) -> keysets.inUse())
      .answer(KeysetMessages.CIPHERTEXT_PAGE, (CiphertextPage request) -> ciphertexts.page(request))
      .answer(KeysetMessages.REPLACE_CIPHERTEXTS,
        (CiphertextReplacements request) -> ciphertexts.replace(request));
  }
}
