package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.scrapengine.vaultgateway.config.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The dev profile's key-encryption key, generated on first start into the data directory (owner-only, never
 * overwritten, so instances sharing the directory agree on it). Its key carries the reserved dev key id, so the
 * production profile recognises it wherever it was copied to. Blocking.
 */
public final class DevKek {

  public static final String FILE_NAME = "dev-kek.json";
  private static final Logger LOG = LoggerFactory.getLogger(DevKek.class);

  private DevKek() {
  }

  static KekSource loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      String json = TinkJsonProtoKeysetFormat.serializeKeyset(DataKeysets.generate(true),
        InsecureSecretKeyAccess.get());
      if (PrivateFiles.createIfAbsent(file, json)) {
        LOG.warn("DEV PROFILE: generated a dev key-encryption key at {}", file.toAbsolutePath());
      }
    }
    LOG.warn("DEV PROFILE: the data keyset is wrapped by the dev key-encryption key {}; it is NOT production-safe."
      + " Set APP_PROFILE=prod with KEK_FILE or KEK_VAULT_ADDRESS for real deployments", file.toAbsolutePath());
    return TinkKeysetKek.parse(Files.readString(file, StandardCharsets.UTF_8));
  }
}
