package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.keys.KeysCommand;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.ToIntFunction;

/**
 * {@code keys init|import|rotate|status|rewrap|retire}: the command line of {@link KeysCommand}, which holds the
 * logic; each method here only names options and hands them over.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
  description = {"Manages the data keyset stored in PostgreSQL, wrapped by the key-encryption key",
    "(KEK_FILE, KEK_JSON or KEK_VAULT_ADDRESS). Rotation is staged; see README.md, \"Key rotation\"."})
final class KeysCli implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
      "Missing command: one of init, import, rotate, status, rewrap, retire");
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
    description = "Creates the first data keyset: one AES256-GCM key, wrapped by the configured KEK.")
  int init() {
    return withKeys(KeysCommand::init);
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
    description = "Stores the keyset of an earlier version (cleartext) as the first data keyset, wrapped.")
  int importKeyset(@Option(names = "--file", paramLabel = "<keyset.json>",
    description = "The keyset to import (default: KEYSET_FILE / KEYSET_JSON).") Path file) {
    return withKeys(keys -> keys.importKeyset(file));
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Adds a key, waits until every live instance holds it, then makes it primary.")
  int rotate(@Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "120",
    description = "How long to wait for the instances (default: ${DEFAULT-VALUE}).") long timeoutSeconds) {
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
    }
    return withKeys(keys -> keys.rotate(Duration.ofSeconds(timeoutSeconds)));
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
    description = "Shows the keyset's versions and keys, what the instances loaded, and what each key encrypts.")
  int status() {
    return withKeys(KeysCommand::status);
  }

  @Command(name = "rewrap", mixinStandardHelpOptions = true,
    description = "Re-encrypts every stored secret under the primary key, online, a batch at a time.")
  int rewrap(@Option(names = "--batch-size", paramLabel = "<n>", defaultValue = "500",
    description = "Rows per batch (default: ${DEFAULT-VALUE}).") int batchSize) {
    if (batchSize < 1) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1");
    }
    return withKeys(keys -> keys.rewrap(batchSize));
  }

  @Command(name = "retire", mixinStandardHelpOptions = true,
    description = "Removes a key that no stored secret uses any more.")
  int retire(@Parameters(paramLabel = "<key-id>", description = "The key id, as 'keys status' shows it.")
             long keyId) {
    return withKeys(keys -> keys.retire(keyId));
  }

  private int withKeys(ToIntFunction<KeysCommand> operation) {
    GatewayConfig config;
    Vertx bootstrap = Vertx.vertx();
    try {
      config = ConfigLoader.load(bootstrap).await();
    } catch (RuntimeException e) {
      System.err.println("cannot read the configuration: " + e.getMessage());
      return KeysCommand.FAILED;
    } finally {
      bootstrap.close();
    }
    try (KeysCommand keys = KeysCommand.open(config, System.out, System.err)) {
      return operation.applyAsInt(keys);
    } catch (RuntimeException e) {
      System.err.println("keys failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return KeysCommand.FAILED;
    }
  }
}
