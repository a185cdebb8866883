package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.List;

/**
 * One version of the data keyset as PostgreSQL keeps it: encrypted under a key-encryption key, with what is not
 * secret about it (which KEK, the key ids, the primary, what changed) in clear. {@code createdAt} is null for a
 * version not stored yet. Its {@code toString} shows no ciphertext.
 *
 * @param kek          which key-encryption key wrapped it, as {@code KekSource#id()} names it (no secret)
 * @param change       what made this version: init, import, add-key, promote, retire
 * @param changedKeyId the key the change was about (for init and import: the primary)
 */
public record StoredKeyset(long version, byte[] encryptedKeyset, String kek, long primaryKeyId, List<Long> keyIds,
                           String change, long changedKeyId, Instant createdAt) implements BusMessage {

  public static final String INIT = "init";
  public static final String IMPORT = "import";
  public static final String ADD_KEY = "add-key";
  public static final String PROMOTE = "promote";
  public static final String RETIRE = "retire";

  public StoredKeyset {
    keyIds = List.copyOf(keyIds);
  }

  @Override
  public String toString() {
    return "StoredKeyset[version=" + version + ", kek=" + kek + ", primary=" + primaryKeyId + ", keys=" + keyIds
      + ", change=" + change + "]";
  }
}
