package io.scrapengine.vaultgateway.keys;

import com.google.crypto.tink.KeysetHandle;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.CryptoConfig;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.config.Profile;
import io.scrapengine.vaultgateway.crypto.DataKeyset;
import io.scrapengine.vaultgateway.crypto.DataKeysets;
import io.scrapengine.vaultgateway.crypto.KeyIds;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.model.keys.CiphertextPage;
import io.scrapengine.vaultgateway.model.keys.KeyUsage;
import io.scrapengine.vaultgateway.model.keys.LiveInstances;
import io.scrapengine.vaultgateway.model.keys.StoredCiphertext;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's key commands ({@code java -jar vault-gateway.jar keys ...}): init, import, rotate, status,
 * rewrap and retire. Each takes options already parsed, prints what it does to {@code out} (problems to
 * {@code err}) and answers an exit code, so any command-line front end can call it. Nothing printed is key
 * material: key ids, versions, counts, instance names.
 *
 * <p>Rotation is staged so that no instance ever meets a ciphertext under a key it lacks: a new key is added as
 * non-primary, the command waits until every live instance reports holding it, and only then makes it primary.
 */
public final class KeysCommand implements AutoCloseable {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int TIMED_OUT = 3;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_BATCH_SIZE = 500;
  private static final int MAX_LISTED = 20;

  private final KeysRuntime runtime;
  private final PrintStream out;
  private final PrintStream err;

  private KeysCommand(KeysRuntime runtime, PrintStream out, PrintStream err) {
    this.runtime = runtime;
    this.out = out;
    this.err = err;
  }

  /** Connects to the configured database (and migrates it); close it when done. */
  public static KeysCommand open(GatewayConfig config, PrintStream out, PrintStream err) {
    return new KeysCommand(KeysRuntime.start(config), out, err);
  }

  /** Creates the first data keyset: one AES256-GCM key, wrapped by the configured KEK. */
  public int init() {
    return run(() -> {
      Optional<StoredKeyset> existing = editor().latestStored();
      if (existing.isPresent()) {
        throw new KeysCommandException("the database already holds a data keyset (version "
          + existing.get().version() + "); use 'keys rotate' to add a key");
      }
      Set<Long> used = runtime.store().keyIdsInUse().await().keyIds();
      if (!used.isEmpty()) {
        throw new KeysCommandException("the database holds secrets encrypted under keys " + new TreeSet<>(used)
          + ": import the keyset they were written with ('keys import --file <keyset.json>') instead");
      }
      KeysetHandle keyset = DataKeysets.generate(profile() == Profile.DEV);
      StoredKeyset stored = editor().store(keyset, 1, StoredKeyset.INIT, primaryOf(keyset));
      out.println("data keyset version 1 created: key " + stored.primaryKeyId() + " (primary), wrapped by "
        + stored.kek());
      return OK;
    });
  }

  /**
   * Stores the cleartext keyset of an earlier version (today's KEYSET_FILE) as the first data keyset, wrapped by the
   * configured KEK, so that the secrets stored with it stay readable.
   *
   * @param file the keyset's file, or null for the configured KEYSET_FILE or KEYSET_JSON
   */
  public int importKeyset(Path file) {
    return run(() -> {
      KeysetHandle imported;
      try {
        imported = DataKeysets.parseCleartext(legacyJson(file));
      } catch (GeneralSecurityException e) {
        throw new KeysCommandException("the keyset to import is not a valid AES256_GCM Tink keyset");
      }
      if (profile() == Profile.PROD && DataKeysets.containsDevKey(imported)) {
        throw new KeysCommandException("APP_PROFILE=prod refuses the generated dev keyset");
      }
      List<Long> ids = DataKeysets.ids(imported);
      Optional<StoredKeyset> existing = editor().latestStored();
      if (existing.isPresent()) {
        if (existing.get().keyIds().containsAll(ids)) {
          out.println("already imported: data keyset version " + existing.get().version() + " holds keys " + ids);
          return OK;
        }
        throw new KeysCommandException("the database already holds a data keyset (version " + existing.get().version()
          + ", keys " + existing.get().keyIds() + ") without keys " + ids + "; importing would replace it");
      }
      StoredKeyset stored = editor().store(imported, 1, StoredKeyset.IMPORT, primaryOf(imported));
      out.println("data keyset version 1 imported: keys " + stored.keyIds() + ", primary " + stored.primaryKeyId()
        + ", wrapped by " + stored.kek());
      Set<Long> missing = new TreeSet<>(runtime.store().keyIdsInUse().await().keyIds());
      missing.removeAll(stored.keyIds());
      if (!missing.isEmpty()) {
        err.println("warning: stored secrets name keys " + missing + " that this keyset does not hold");
      }
      out.println("the gateway no longer reads KEYSET_FILE/KEYSET_JSON; once every instance runs this version,"
        + " remove them and keep the KEK safe instead");
      return OK;
    });
  }

  /**
   * Adds a new key, waits until every live instance holds it, then makes it primary. A rotation interrupted while
   * waiting (timeout, Ctrl-C) is resumed by running the command again: it finds the key it added.
   */
  public int rotate(Duration timeout) {
    return run(() -> {
      KeysetEditor editor = editor();
      DataKeyset current = editor.latest();
      StoredKeyset newest = editor.latestStored().orElseThrow();
      long newKey;
      if (isUnfinishedRotation(newest, current)) {
        newKey = newest.changedKeyId();
        out.println("resuming the rotation that added key " + newKey + " (keyset version " + current.version() + ")");
      } else {
        DataKeysets.Added added = DataKeysets.withNewKey(current.keyset());
        newKey = added.keyId();
        StoredKeyset stored = editor.store(added.keyset(), current.version() + 1, StoredKeyset.ADD_KEY, newKey);
        out.println("added key " + newKey + " as non-primary (keyset version " + stored.version() + ")");
      }
      long key = newKey;
      waiter().await(instance -> instance.holds(key), "to load key " + key, timeout);
      out.println("every live instance holds key " + key);
      DataKeyset added = editor.latest();
      StoredKeyset promoted = editor.store(DataKeysets.promoted(added.keyset(), key), added.version() + 1,
        StoredKeyset.PROMOTE, key);
      out.println("key " + key + " is primary (keyset version " + promoted.version() + ")");
      try {
        waiter().await(instance -> instance.keysetVersion() >= promoted.version(),
          "to load keyset version " + promoted.version(), timeout);
        out.println("every live instance encrypts with key " + key);
      } catch (KeysCommandException e) {
        // the promotion is done and safe: instances still on the previous version encrypt under a key all hold
        err.println("warning: " + e.getMessage());
      }
      KeyUsage usage = runtime.store().keyUsage().await();
      long older = usage.keyIds().stream().filter(id -> id != key).mapToLong(usage::total).sum();
      out.println(older == 0 ? "no stored secret uses an older key"
        : older + " stored secret(s) still use older keys: run 'keys rewrap'");
      return OK;
    });
  }

  /** Key ids, the primary, each live instance's loaded version, and how many stored ciphertexts use each key. */
  public int status() {
    return run(() -> {
      Optional<StoredKeyset> latest = runtime.store().latest().await().found();
      KeyUsage usage = runtime.store().keyUsage().await();
      List<LiveInstances.Instance> instances = runtime.store()
        .liveInstances(crypto().instanceTimeoutSeconds()).await().instances();
      if (latest.isEmpty()) {
        out.println("no data keyset yet: run 'keys init' (or 'keys import')");
      } else {
        StoredKeyset keyset = latest.get();
        out.println("data keyset version " + keyset.version() + " (" + keyset.change() + " of key "
          + keyset.changedKeyId() + " at " + keyset.createdAt() + "), wrapped by " + keyset.kek());
        out.printf("%-12s %-8s %12s %12s%n", "KEY ID", "STATE", "INTEGRATIONS", "IDEMPOTENCY");
        for (long id : keyset.keyIds()) {
          out.printf("%-12d %-8s %12d %12d%n", id, id == keyset.primaryKeyId() ? "primary" : "enabled",
            usage.integrations().getOrDefault(id, 0L), usage.idempotencyRecords().getOrDefault(id, 0L));
        }
        for (long id : usage.keyIds()) {
          if (!keyset.keyIds().contains(id)) {
            out.printf("%-12s %-8s %12d %12d%n", id == KeyUsage.NO_KEY_ID ? "(none)" : String.valueOf(id), "MISSING",
              usage.integrations().getOrDefault(id, 0L), usage.idempotencyRecords().getOrDefault(id, 0L));
          }
        }
      }
      out.println("live instances (heard from within " + crypto().instanceTimeoutSeconds() + " s): "
        + instances.size());
      for (LiveInstances.Instance instance : instances) {
        out.println("  " + instance.describe() + ": keyset version " + instance.keysetVersion() + ", primary "
          + instance.primaryKeyId() + ", seen " + instance.secondsSinceSeen() + " s ago");
      }
      return OK;
    });
  }

  /** Re-encrypts every stored secret that is not under the primary key, in batches, while the gateway serves. */
  public int rewrap(int batchSize) {
    return run(() -> {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new KeysCommandException("--batch-size must be between 1 and 10000", USAGE);
      }
      DataKeyset keyset = editor().latest();
      long primary = keyset.primaryKeyId();
      List<LiveInstances.Instance> lagging = waiter().laggards(instance -> instance.holds(primary));
      if (!lagging.isEmpty()) {
        throw new KeysCommandException("not every live instance holds the primary key " + primary + " yet: "
          + InstanceWaiter.describe(lagging) + ". Finish 'keys rotate' first");
      }
      KeyUsage before = runtime.store().keyUsage().await();
      long total = before.keyIds().stream().filter(id -> id != primary).mapToLong(before::total).sum();
      out.println(total + " stored secret(s) to re-encrypt under key " + primary);
      Rewrapper rewrapper = new Rewrapper(runtime.store(), keyset);
      List<String> unreadable = new ArrayList<>();
      long done = 0;
      for (StoredCiphertext.Kind kind : StoredCiphertext.Kind.values()) {
        CiphertextPage.Position after = null;
        while (true) {
          Rewrapper.Batch batch = rewrapper.next(kind, after, batchSize);
          if (batch.isEmpty()) {
            break;
          }
          int replaced = rewrapper.apply(batch);
          done += batch.read();
          unreadable.addAll(batch.unreadable());
          out.println(label(kind) + ": " + replaced + " re-encrypted, " + (batch.replacements().size() - replaced)
            + " changed meanwhile, " + batch.unreadable().size() + " unreadable (" + done + "/" + total + ")");
          after = batch.last();
        }
      }
      KeyUsage after = runtime.store().keyUsage().await();
      long left = after.keyIds().stream().filter(id -> id != primary).mapToLong(after::total).sum();
      for (String line : unreadable.subList(0, Math.min(unreadable.size(), MAX_LISTED))) {
        err.println("unreadable: " + line);
      }
      if (unreadable.size() > MAX_LISTED) {
        err.println("... and " + (unreadable.size() - MAX_LISTED) + " more");
      }
      if (!unreadable.isEmpty()) {
        err.println(unreadable.size() + " stored secret(s) cannot be decrypted; their owners must set a new secretId"
          + " (the API answers STORED_SECRET_UNREADABLE for them)");
        return FAILED;
      }
      out.println(left == 0 ? "done: every stored secret is under key " + primary
        : "done; " + left + " secret(s) were written under an older key meanwhile: run 'keys rewrap' again");
      return OK;
    });
  }

  /** Removes a key from the keyset; refused while it is primary anywhere or any stored ciphertext uses it. */
  public int retire(long keyId) {
    return run(() -> {
      KeysetEditor editor = editor();
      DataKeyset keyset = editor.latest();
      if (!keyset.holds(keyId)) {
        throw new KeysCommandException("the data keyset (version " + keyset.version() + ") holds no key " + keyId
          + "; its keys are " + keyset.keyIds());
      }
      if (keyset.primaryKeyId() == keyId) {
        throw new KeysCommandException("key " + keyId + " is the primary key; run 'keys rotate' first");
      }
      List<LiveInstances.Instance> encrypting = waiter().laggards(instance -> !Long.valueOf(keyId)
        .equals(instance.primaryKeyId()));
      if (!encrypting.isEmpty()) {
        throw new KeysCommandException("key " + keyId + " is still the primary of "
          + InstanceWaiter.describe(encrypting));
      }
      KeyUsage usage = runtime.store().keyUsage().await();
      if (usage.total(keyId) > 0) {
        throw new KeysCommandException(usage.total(keyId) + " stored secret(s) still use key " + keyId + " ("
          + usage.integrations().getOrDefault(keyId, 0L) + " integrations, "
          + usage.idempotencyRecords().getOrDefault(keyId, 0L) + " Idempotency-Key records): run 'keys rewrap' first");
      }
      StoredKeyset stored = editor.store(DataKeysets.without(keyset.keyset(), keyId), keyset.version() + 1,
        StoredKeyset.RETIRE, keyId);
      out.println("key " + keyId + " retired (keyset version " + stored.version() + ", keys " + stored.keyIds() + ")");
      return OK;
    });
  }

  @Override
  public void close() {
    runtime.close();
  }

  @FunctionalInterface
  private interface Step {
    int run() throws KeysCommandException, GeneralSecurityException;
  }

  private int run(Step step) {
    try {
      return step.run();
    } catch (KeysCommandException e) {
      err.println(e.getMessage());
      return e.exitCode();
    } catch (GeneralSecurityException e) {
      err.println("a key operation failed: " + e.getMessage());
      return FAILED;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return FAILED;
    } catch (DomainException e) {
      err.println("the database could not be used (" + e.code() + "); check the connection settings and retry");
      return FAILED;
    }
  }

  /** The newest version is an added key that never became primary: a rotation stopped while waiting. */
  private static boolean isUnfinishedRotation(StoredKeyset stored, DataKeyset current) {
    return StoredKeyset.ADD_KEY.equals(stored.change()) && stored.changedKeyId() != current.primaryKeyId()
      && current.holds(stored.changedKeyId());
  }

  private String legacyJson(Path file) throws KeysCommandException {
    CryptoConfig crypto = crypto();
    try {
      if (file != null) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      if (crypto.keysetJson() != null) {
        return crypto.keysetJson();
      }
      if (crypto.keysetFile() != null) {
        return Files.readString(Path.of(crypto.keysetFile()), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new KeysCommandException("cannot read the keyset file: " + e.getClass().getSimpleName());
    }
    throw new KeysCommandException("name the keyset to import with --file, or set KEYSET_FILE or KEYSET_JSON", USAGE);
  }

  private KeysetEditor editor() {
    return new KeysetEditor(runtime.store(), runtime.kek());
  }

  private InstanceWaiter waiter() {
    return new InstanceWaiter(runtime.store(), crypto().instanceTimeoutSeconds(), out);
  }

  private CryptoConfig crypto() {
    return runtime.config().crypto();
  }

  private Profile profile() {
    return runtime.config().profile();
  }

  private static String label(StoredCiphertext.Kind kind) {
    return kind == StoredCiphertext.Kind.INTEGRATION_SECRET_ID ? "integrations" : "Idempotency-Key records";
  }

  private static long primaryOf(KeysetHandle keyset) {
    return KeyIds.unsigned(keyset.getPrimary().getId());
  }
}
