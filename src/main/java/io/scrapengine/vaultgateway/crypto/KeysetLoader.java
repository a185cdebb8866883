package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.CryptoConfig;
import io.scrapengine.vaultgateway.config.Profile;
import io.scrapengine.vaultgateway.config.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Finds the keyset that protects secrets at rest. Blocking: call at start-up, off the event loop.
 *
 * <p>Dev keysets are generated with a reserved primary key id, so that the production profile recognises dev
 * material wherever it was copied to.
 */
public final class KeysetLoader {

  static final int DEV_KEY_ID = 0x0DE5_0DE5;
  public static final String DEV_KEYSET_FILE = "dev-keyset.json";
  private static final Logger LOG = LoggerFactory.getLogger(KeysetLoader.class);

  private KeysetLoader() {
  }

  public static KeysetHandle load(Profile profile, CryptoConfig config, Path dataDir) {
    try {
      TinkSetup.register();
      if (config.isConfigured()) {
        KeysetHandle keyset = parse(config.keysetJson() != null
          ? config.keysetJson() : Files.readString(Path.of(config.keysetFile()), StandardCharsets.UTF_8));
        if (profile == Profile.PROD && isDevKeyset(keyset)) {
          throw new ConfigException("APP_PROFILE=prod refuses the generated dev keyset; configure a production"
            + " keyset with KEYSET_FILE or KEYSET_JSON");
        }
        return keyset;
      }
      if (profile == Profile.PROD) {
        throw new ConfigException("APP_PROFILE=prod requires a Tink keyset: set KEYSET_FILE or KEYSET_JSON");
      }
      return loadOrCreateDevKeyset(dataDir.resolve(DEV_KEYSET_FILE));
    } catch (IOException e) {
      throw new ConfigException("cannot read the keyset: " + e.getClass().getSimpleName());
    } catch (GeneralSecurityException e) {
      throw new ConfigException("the keyset is not a valid Tink AEAD keyset");
    }
  }

  /** A fresh AES256_GCM keyset for production, as Tink JSON. Treat the output as a secret. */
  public static String newProductionKeysetJson() throws GeneralSecurityException {
    TinkSetup.register();
    return TinkJsonProtoKeysetFormat.serializeKeyset(
      KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
  }

  private static KeysetHandle loadOrCreateDevKeyset(Path file) throws IOException, GeneralSecurityException {
    if (!Files.exists(file)) {
      KeysetHandle generated = KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
          .withFixedId(DEV_KEY_ID).makePrimary())
        .build();
      if (PrivateFiles.createIfAbsent(file,
        TinkJsonProtoKeysetFormat.serializeKeyset(generated, InsecureSecretKeyAccess.get()))) {
        LOG.warn("DEV PROFILE: generated a new dev keyset at {}", file.toAbsolutePath());
      }
    }
    LOG.warn("DEV PROFILE: secrets are encrypted with the dev keyset {}; it is NOT production-safe."
      + " Set APP_PROFILE=prod and KEYSET_FILE for real deployments", file.toAbsolutePath());
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static KeysetHandle parse(String json) throws GeneralSecurityException {
    KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    for (int i = 0; i < keyset.size(); i++) {
      if (!(keyset.getAt(i).getKey().getParameters() instanceof AesGcmParameters parameters)
        || parameters.getKeySizeBytes() != 32) {
        throw new GeneralSecurityException("only AES256_GCM keys are accepted");
      }
    }
    return keyset;
  }

  static boolean isDevKeyset(KeysetHandle keyset) {
    for (int i = 0; i < keyset.size(); i++) {
      if (keyset.getAt(i).getId() == DEV_KEY_ID) {
        return true;
      }
    }
    return false;
  }
}
