package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.vertx.core.Future;

import java.util.Set;
import java.util.TreeSet;

/**
 * Whether this instance can read every stored secret: the key ids the stored ciphertexts name (one indexed query)
 * against the keys it has loaded. A missing key means secrets that this instance would answer as unreadable, so
 * it is not ready; readiness names the missing key ids, never key material.
 */
public final class KeysetReadiness {

  private final Keyring keyring;
  private final KeysetStore store;

  private KeysetReadiness(Keyring keyring, KeysetStore store) {
    this.keyring = keyring;
    this.store = store;
  }

  public static KeysetReadiness create(Keyring keyring, KeysetStore store) {
    return new KeysetReadiness(keyring, store);
  }

  /** The key ids in use that the loaded keyset lacks, sorted; fails when no working keyset is loaded. */
  public Future<Set<Long>> missingKeyIds() {
    if (!keyring.probe()) {
      return Future.failedFuture(DomainException.unavailable(Subject.KEYRING));
    }
    return store.keyIdsInUse().map(used -> {
      Set<Long> missing = new TreeSet<>(used.keyIds());
      missing.removeAll(keyring.keyIds());
      return missing;
    });
  }

  public long loadedVersion() {
    return keyring.version();
  }
}
