package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * One version of the data keyset, decrypted: the Tink keyset and what was stored about it. Opening and sealing go
 * through the key-encryption key, so they may block (Transit): call them on a worker or in a command.
 *
 * <p>The associated data binds the encrypted keyset to its version: a row copied over another version does not
 * open. The key ids stored in clear next to it must match what it holds, so status and readiness (which read the
 * clear columns) cannot be misled by an edited row either.
 */
public record DataKeyset(KeysetHandle keyset, long version, String kek, long primaryKeyId, List<Long> keyIds) {

  public DataKeyset {
    keyIds = List.copyOf(keyIds);
  }

  /** Decrypts a stored version with {@code kek}; the message names what failed, never key material. */
  public static DataKeyset open(StoredKeyset stored, KekSource kek) throws GeneralSecurityException {
    TinkSetup.register();
    KeysetHandle keyset;
    try {
      keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(stored.encryptedKeyset(), kek.aead(),
        associatedData(stored.version()));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("data keyset version " + stored.version() + " (wrapped by " + stored.kek()
        + ") does not decrypt with the configured key-encryption key " + kek.id() + reason(e)
        + (kek.isDevMaterial() ? "; instances that share a database share its KEK: in the dev profile, the KEK is"
          + " " + DevKek.FILE_NAME + " in DATA_DIR" : ""));
    }
    DataKeysets.requireAes256Gcm(keyset);
    long primary = KeyIds.unsigned(keyset.getPrimary().getId());
    if (primary != stored.primaryKeyId() || !DataKeysets.ids(keyset).equals(stored.keyIds())) {
      throw new GeneralSecurityException("data keyset version " + stored.version()
        + ": the key ids stored with it do not match the keys it holds; the row was altered");
    }
    return new DataKeyset(keyset, stored.version(), stored.kek(), primary, stored.keyIds());
  }

  /** {@code keyset} encrypted under {@code kek} as version {@code version}, ready to store. */
  public static StoredKeyset seal(KeysetHandle keyset, long version, String change, long changedKeyId, KekSource kek)
    throws GeneralSecurityException {
    DataKeysets.requireAes256Gcm(keyset);
    byte[] encrypted = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek.aead(), associatedData(version));
    return new StoredKeyset(version, encrypted, kek.id(), KeyIds.unsigned(keyset.getPrimary().getId()),
      DataKeysets.ids(keyset), change, changedKeyId, null);
  }

  public boolean holds(long keyId) {
    return keyIds.contains(keyId);
  }

  public boolean isDevMaterial() {
    return DataKeysets.containsDevKey(keyset);
  }

  static byte[] associatedData(long version) {
    return ("vault-gateway/data-keyset|version=" + version).getBytes(StandardCharsets.UTF_8);
  }

  /** Why, when the KEK's service said (unreachable, denied); Tink's own failures say nothing useful. */
  private static String reason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof KekServiceException failed) {
        return ": " + failed.getMessage();
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "DataKeyset[version=" + version + ", primary=" + primaryKeyId + ", keys=" + keyIds + "]";
  }
}
