package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.CryptoConfig;
import io.scrapengine.vaultgateway.config.Profile;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the data keyset an instance serves with: the newest version in PostgreSQL, opened with the key-encryption
 * key. The dev profile creates the first version itself (from the dev keyset file of earlier versions when there
 * is one, else a new dev keyset); the production profile requires {@code keys init} or {@code keys import}. A
 * cleartext keyset still configured from earlier versions ({@code KEYSET_FILE}) must be in the database, so that
 * an upgrade that skipped {@code keys import} stops here instead of serving unreadable secrets.
 */
public final class KeysetLoader {

  /** Where the dev profile of earlier versions kept its cleartext keyset; imported once if present. */
  public static final String LEGACY_DEV_KEYSET_FILE = "dev-keyset.json";
  private static final Logger LOG = LoggerFactory.getLogger(KeysetLoader.class);

  private final Vertx vertx;
  private final KeysetStore store;
  private final KekSource kek;
  private final Profile profile;
  private final CryptoConfig config;
  private final Path dataDir;

  public KeysetLoader(Vertx vertx, KeysetStore store, KekSource kek, Profile profile, CryptoConfig config,
                      Path dataDir) {
    this.vertx = vertx;
    this.store = store;
    this.kek = kek;
    this.profile = profile;
    this.config = config;
    this.dataDir = dataDir;
  }

  /** A fresh AES256_GCM keyset, as Tink JSON: a KEK_FILE. Treat the output as a secret. */
  public static String newProductionKeysetJson() throws GeneralSecurityException {
    TinkSetup.register();
    return TinkJsonProtoKeysetFormat.serializeKeyset(
      KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
  }

  /** The keyset to start with; fails with a {@link ConfigException} saying what the operator must do. */
  public Future<DataKeyset> loadOrInitialise() {
    return vertx.executeBlocking(this::configuredLegacyKeyset)
      .compose(legacy -> store.latest()
        .compose(lookup -> lookup.found().isPresent() ? open(lookup.latest()) : initialise(legacy))
        .map(keyset -> checked(keyset, legacy)));
  }

  /** The newest version if it is newer than {@code loadedVersion}. */
  public Future<Optional<DataKeyset>> newerThan(long loadedVersion) {
    return store.latest().compose(lookup -> lookup.found().filter(stored -> stored.version() > loadedVersion)
      .map(stored -> open(stored).map(Optional::of))
      .orElse(Future.succeededFuture(Optional.empty())));
  }

  private Future<DataKeyset> open(StoredKeyset stored) {
    return vertx.executeBlocking(() -> {
      try {
        return DataKeyset.open(stored, kek);
      } catch (GeneralSecurityException e) {
        throw new ConfigException(e.getMessage());
      }
    });
  }

  private Future<DataKeyset> initialise(KeysetHandle legacy) {
    if (profile == Profile.PROD) {
      return Future.failedFuture(new ConfigException("the database holds no data keyset yet: run 'java -jar"
        + " vault-gateway.jar keys init' once (or 'keys import' to bring the KEYSET_FILE of an earlier version);"
        + " see README, Operating keys"));
    }
    return vertx.executeBlocking(() -> devKeyset(legacy))
      .compose(first -> first.generated() ? refuseIfCiphertextsExist().map(first) : Future.succeededFuture(first))
      .compose(first -> vertx.executeBlocking(() -> DataKeyset.seal(first.keyset(), 1,
        first.generated() ? StoredKeyset.INIT : StoredKeyset.IMPORT,
        KeyIds.unsigned(first.keyset().getPrimary().getId()), kek)))
      .compose(store::insert)
      .compose(stored -> {
        LOG.warn("DEV PROFILE: stored data keyset version 1 ({}, key {})", stored.change(), stored.primaryKeyId());
        return open(stored);
      })
      // another instance stored the first version at the same moment: use theirs
      .recover(failure -> failure instanceof DomainException conflict && conflict.is(ErrorCode.CONFLICT)
        ? store.latest().compose(lookup -> open(lookup.latest())) : Future.failedFuture(failure));
  }

  private record First(KeysetHandle keyset, boolean generated) {
  }

  private First devKeyset(KeysetHandle legacy) throws IOException, GeneralSecurityException {
    if (legacy != null) {
      return new First(legacy, false);
    }
    Path file = dataDir.resolve(LEGACY_DEV_KEYSET_FILE);
    if (Files.exists(file)) {
      LOG.warn("DEV PROFILE: importing the dev keyset of an earlier version from {}", file.toAbsolutePath());
      return new First(DataKeysets.parseCleartext(Files.readString(file, StandardCharsets.UTF_8)), false);
    }
    return new First(DataKeysets.generate(true), true);
  }

  /** A new keyset would leave stored secrets unreadable: say so rather than start. */
  private Future<Void> refuseIfCiphertextsExist() {
    return store.keyIdsInUse().compose(used -> used.keyIds().isEmpty() ? Future.succeededFuture()
      : Future.failedFuture(new ConfigException("the database holds secrets encrypted under keys "
        + new TreeSet<>(used.keyIds()) + " but no data keyset: import the keyset they were written with"
        + " ('keys import --file <keyset.json>') instead of starting with a new one")));
  }

  private KeysetHandle configuredLegacyKeyset() {
    if (!config.hasLegacyKeyset()) {
      return null;
    }
    try {
      KeysetHandle keyset = DataKeysets.parseCleartext(config.keysetJson() != null ? config.keysetJson()
        : Files.readString(Path.of(config.keysetFile()), StandardCharsets.UTF_8));
      if (profile == Profile.PROD && DataKeysets.containsDevKey(keyset)) {
        throw new ConfigException("APP_PROFILE=prod refuses the generated dev keyset; configure a production"
          + " keyset with KEYSET_FILE or KEYSET_JSON");
      }
      return keyset;
    } catch (IOException e) {
      throw new ConfigException("cannot read the keyset: " + e.getClass().getSimpleName());
    } catch (GeneralSecurityException e) {
      throw new ConfigException("the keyset (KEYSET_FILE or KEYSET_JSON) is not a valid AES256_GCM Tink keyset");
    }
  }

  private DataKeyset checked(DataKeyset keyset, KeysetHandle legacy) {
    if (profile == Profile.PROD && keyset.isDevMaterial()) {
      throw new ConfigException("APP_PROFILE=prod refuses the data keyset in the database: it holds the generated"
        + " dev key (the database was set up by the dev profile)");
    }
    if (legacy != null && !keyset.keyIds().containsAll(DataKeysets.ids(legacy))) {
      throw new ConfigException("the keyset in KEYSET_FILE/KEYSET_JSON holds keys " + DataKeysets.ids(legacy)
        + " that the database's data keyset (version " + keyset.version() + ", keys " + keyset.keyIds()
        + ") lacks: run 'java -jar vault-gateway.jar keys import' first");
    }
    return keyset;
  }
}
