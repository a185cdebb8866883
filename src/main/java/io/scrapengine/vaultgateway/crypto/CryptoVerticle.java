package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.config.CryptoConfig;
import io.scrapengine.vaultgateway.config.Profile;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.nio.file.Path;

/**
 * Owns the key material: it alone reads keysets (blocking, so on a worker) and installs them in the
 * {@link Keyring} that the rest of the process seals and opens with.
 */
public final class CryptoVerticle extends VerticleBase {

  private final Keyring keyring;
  private final Profile profile;
  private final CryptoConfig config;
  private final Path dataDir;

  public CryptoVerticle(Keyring keyring, Profile profile, CryptoConfig config, Path dataDir) {
    this.keyring = keyring;
    this.profile = profile;
    this.config = config;
    this.dataDir = dataDir;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> TinkSecretCipher.create(KeysetLoader.load(profile, config, dataDir)))
      .onSuccess(keyring::install);
  }
}
