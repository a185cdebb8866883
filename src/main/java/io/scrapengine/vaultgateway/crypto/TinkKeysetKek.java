package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

import java.security.GeneralSecurityException;

/**
 * A key-encryption key held as a Tink AEAD keyset in JSON (what {@code java -jar vault-gateway.jar keyset}
 * prints). Like any Tink keyset it may hold several keys: add one and make it primary to rotate the KEK itself;
 * versions wrapped under the older key keep opening.
 */
final class TinkKeysetKek implements KekSource {

  private final Aead aead;
  private final String id;
  private final boolean dev;

  private TinkKeysetKek(Aead aead, String id, boolean dev) {
    this.aead = aead;
    this.id = id;
    this.dev = dev;
  }

  /** Parses {@code json}; the exception names what is wrong, never the material. */
  static TinkKeysetKek parse(String json) throws GeneralSecurityException {
    TinkSetup.register();
    KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    DataKeysets.requireAes256Gcm(keyset);
    return new TinkKeysetKek(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class),
      "tink-keyset:" + KeyIds.unsigned(keyset.getPrimary().getId()), DataKeysets.containsDevKey(keyset));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Aead aead() {
    return aead;
  }

  @Override
  public boolean isDevMaterial() {
    return dev;
  }

  @Override
  public String toString() {
    return "TinkKeysetKek[" + id + "]";
  }
}
