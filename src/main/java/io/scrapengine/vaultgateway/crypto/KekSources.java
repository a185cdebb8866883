package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.CryptoConfig;
import io.scrapengine.vaultgateway.config.Profile;
import io.scrapengine.vaultgateway.config.TransitKekConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Picks the key-encryption key from the configuration: {@code KEK_FILE}/{@code KEK_JSON}, the Vault Transit
 * settings, or (dev profile only) the dev KEK generated in the data directory. The production profile refuses to
 * run without one and refuses dev material. Files are read off the event loop.
 */
public final class KekSources {

  private KekSources() {
  }

  public static Future<KekSource> create(Vertx vertx, Profile profile, CryptoConfig config, Path dataDir) {
    TransitKekConfig transit = config.kekVault();
    if (transit.isConfigured()) {
      return vertx.executeBlocking(() -> new String[] {
          readSecret(transit.token(), transit.tokenFile(), "KEK_VAULT_TOKEN_FILE"),
          readSecret(transit.secretId(), transit.secretIdFile(), "KEK_VAULT_SECRET_ID_FILE")})
        .compose(secrets -> TransitKek.deploy(vertx, transit, secrets[0], secrets[1]));
    }
    return vertx.executeBlocking(() -> local(profile, config, dataDir));
  }

  private static KekSource local(Profile profile, CryptoConfig config, Path dataDir) {
    try {
      if (config.kekJson() != null || config.kekFile() != null) {
        KekSource kek = TinkKeysetKek.parse(config.kekJson() != null ? config.kekJson()
          : Files.readString(Path.of(config.kekFile()), StandardCharsets.UTF_8));
        if (profile == Profile.PROD && kek.isDevMaterial()) {
          throw new ConfigException("APP_PROFILE=prod refuses the generated dev keyset encryption key; configure"
            + " KEK_FILE, KEK_JSON or KEK_VAULT_ADDRESS with production material");
        }
        return kek;
      }
      if (profile == Profile.PROD) {
        throw new ConfigException("APP_PROFILE=prod requires a key-encryption key: set KEK_FILE or KEK_JSON (a Tink"
          + " keyset, e.g. from 'java -jar vault-gateway.jar keyset'), or KEK_VAULT_ADDRESS and KEK_VAULT_KEY for"
          + " Vault Transit. Deployments that used KEYSET_FILE: keep it set and run"
          + " 'java -jar vault-gateway.jar keys import' once (see README, Operating keys)");
      }
      return DevKek.loadOrCreate(dataDir);
    } catch (IOException e) {
      throw new ConfigException("cannot read the key-encryption key: " + e.getClass().getSimpleName());
    } catch (GeneralSecurityException e) {
      throw new ConfigException("the key-encryption key is not a valid AES256_GCM Tink keyset");
    }
  }

  private static String readSecret(String value, String file, String variable) {
    if (value != null || file == null) {
      return value;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException("cannot read " + variable + ": " + e.getClass().getSimpleName());
    }
  }
}
