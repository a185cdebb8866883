package io.scrapengine.vaultgateway.keys;

import com.google.crypto.tink.KeysetHandle;
import io.scrapengine.vaultgateway.crypto.DataKeyset;
import io.scrapengine.vaultgateway.crypto.KekSource;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.scrapengine.vaultgateway.store.KeysetStore;

import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Reads and writes data keyset versions for the commands: open the newest with the KEK, and store an edit as the
 * next version. Two commands editing at once cannot both win: the version number is the primary key, so the
 * second one's insert fails and it says to run again. Blocking.
 */
final class KeysetEditor {

  private final KeysetStore store;
  private final KekSource kek;

  KeysetEditor(KeysetStore store, KekSource kek) {
    this.store = store;
    this.kek = kek;
  }

  Optional<StoredKeyset> latestStored() {
    return store.latest().await().found();
  }

  /** The newest version, decrypted; fails with a message when there is none or it does not open. */
  DataKeyset latest() throws KeysCommandException {
    StoredKeyset stored = latestStored().orElseThrow(() -> new KeysCommandException(
      "the database holds no data keyset yet: run 'keys init' (or 'keys import')"));
    try {
      return DataKeyset.open(stored, kek);
    } catch (GeneralSecurityException e) {
      throw new KeysCommandException(e.getMessage());
    }
  }

  /** Stores {@code keyset} as version {@code version}. */
  StoredKeyset store(KeysetHandle keyset, long version, String change, long changedKeyId) throws KeysCommandException {
    StoredKeyset sealed;
    try {
      sealed = DataKeyset.seal(keyset, version, change, changedKeyId, kek);
    } catch (GeneralSecurityException e) {
      throw new KeysCommandException("cannot encrypt the data keyset with " + kek.id() + ": " + e.getMessage());
    }
    try {
      return store.insert(sealed).await();
    } catch (DomainException e) {
      if (e.is(ErrorCode.CONFLICT)) {
        throw new KeysCommandException("the data keyset changed while this command ran (version " + version
          + " was stored by someone else); run the command again");
      }
      throw e;
    }
  }

  String kekId() {
    return kek.id();
  }
}
