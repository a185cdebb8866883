package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The edits a data keyset goes through, as pure functions on Tink keysets: generate, add a key, promote one,
 * remove one, and read a cleartext keyset from before keysets lived in the database. Every key is AES256-GCM
 * with Tink's key id prefix, so that every ciphertext names its key.
 */
public final class DataKeysets {

  /** The reserved key id of generated dev material, so that production recognises it wherever it is copied. */
  public static final int DEV_KEY_ID = 0x0DE5_0DE5;

  private DataKeysets() {
  }

  /** A new keyset of one AES256-GCM key; dev material carries the reserved dev key id. */
  public static KeysetHandle generate(boolean dev) throws GeneralSecurityException {
    TinkSetup.register();
    KeysetHandle.Builder.Entry entry = KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM);
    return KeysetHandle.newBuilder().addEntry((dev ? entry.withFixedId(DEV_KEY_ID) : entry.withRandomId())
      .makePrimary()).build();
  }

  /** The keyset with one more, new, enabled key that is not primary; answers it and the new key's id. */
  public static Added withNewKey(KeysetHandle keyset) throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
    builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId());
    KeysetHandle added = builder.build();
    for (int i = 0; i < added.size(); i++) {
      if (!ids(keyset).contains(KeyIds.unsigned(added.getAt(i).getId()))) {
        return new Added(added, KeyIds.unsigned(added.getAt(i).getId()));
      }
    }
    throw new GeneralSecurityException("the new key is missing from the keyset");
  }

  /** A keyset and the key just added to it. */
  public record Added(KeysetHandle keyset, long keyId) {
  }

  /** The keyset with {@code keyId} (which it holds) as primary. */
  public static KeysetHandle promoted(KeysetHandle keyset, long keyId) throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
    builder.getAt(indexOf(keyset, keyId)).setStatus(KeyStatus.ENABLED).makePrimary();
    return builder.build();
  }

  /** The keyset without {@code keyId}, which must not be its primary. */
  public static KeysetHandle without(KeysetHandle keyset, long keyId) throws GeneralSecurityException {
    int index = indexOf(keyset, keyId);
    if (keyset.getAt(index).isPrimary()) {
      throw new GeneralSecurityException("the primary key cannot be removed");
    }
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
    builder.deleteAt(index);
    return builder.build();
  }

  /** A cleartext Tink JSON keyset (today's KEYSET_FILE), checked like every data keyset. */
  public static KeysetHandle parseCleartext(String json) throws GeneralSecurityException {
    TinkSetup.register();
    KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    requireAes256Gcm(keyset);
    return keyset;
  }

  /** Refuses anything but AES256-GCM keys whose ciphertexts name their key. */
  static void requireAes256Gcm(KeysetHandle keyset) throws GeneralSecurityException {
    for (int i = 0; i < keyset.size(); i++) {
      if (!(keyset.getAt(i).getKey().getParameters() instanceof AesGcmParameters parameters)
        || parameters.getKeySizeBytes() != 32 || parameters.getIvSizeBytes() != 12
        || parameters.getTagSizeBytes() != 16 || parameters.getVariant() == AesGcmParameters.Variant.NO_PREFIX) {
        throw new GeneralSecurityException("only AES256_GCM keys with a key id prefix are accepted");
      }
    }
  }

  public static boolean containsDevKey(KeysetHandle keyset) {
    for (int i = 0; i < keyset.size(); i++) {
      if (keyset.getAt(i).getId() == DEV_KEY_ID) {
        return true;
      }
    }
    return false;
  }

  /** The key ids of a keyset, unsigned, in keyset order. */
  public static List<Long> ids(KeysetHandle keyset) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < keyset.size(); i++) {
      ids.add(KeyIds.unsigned(keyset.getAt(i).getId()));
    }
    return ids;
  }

  private static int indexOf(KeysetHandle keyset, long keyId) throws GeneralSecurityException {
    for (int i = 0; i < keyset.size(); i++) {
      if (KeyIds.unsigned(keyset.getAt(i).getId()) == keyId) {
        return i;
      }
    }
    throw new GeneralSecurityException("the keyset holds no key " + keyId);
  }
}
