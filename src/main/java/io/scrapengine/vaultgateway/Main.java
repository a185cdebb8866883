package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.auth.DevTokenMinter;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.KeysetLoader;
import io.scrapengine.vaultgateway.keys.KeysCommand;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar vault-gateway.jar [serve]} runs the service;
 * {@code java -jar vault-gateway.jar token --tenant <id> --scope "<scopes>" [--ttl <seconds>]} prints a dev token;
 * {@code java -jar vault-gateway.jar keyset} prints a new Tink keyset (for a KEK_FILE);
 * {@code java -jar vault-gateway.jar keys <init|import|rotate|status|rewrap|retire>} manages the data keyset.
 */
public final class Main {

  private static final String USAGE = """
    usage:
      java -jar vault-gateway.jar [serve]
      java -jar vault-gateway.jar token --tenant <tenant-id> --scope "<space-separated scopes>" [--ttl <seconds>]
      java -jar vault-gateway.jar keyset > kek.json        (a new Tink keyset, e.g. a KEK_FILE; keep it secret)
      java -jar vault-gateway.jar keys init | status | rewrap [--batch-size <n>]
      java -jar vault-gateway.jar keys import [--file <keyset.json>]    (default: KEYSET_FILE / KEYSET_JSON)
      java -jar vault-gateway.jar keys rotate [--timeout <seconds>]
      java -jar vault-gateway.jar keys retire <key-id>
    """;

  private Main() {
  }

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve" -> serve();
      case "token" -> token(args);
      case "keyset" -> keyset();
      case "keys" -> System.exit(keys(args));
      case "help", "--help", "-h" -> System.out.print(USAGE);
      default -> {
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }

  private static void serve() {
    GatewayConfig config;
    Vertx bootstrap = Vertx.vertx();
    try {
      config = await(ConfigLoader.load(bootstrap).toCompletionStage().toCompletableFuture());
    } catch (RuntimeException e) {
      System.err.println("vault gateway failed to start: " + e.getMessage());
      System.exit(1);
      return;
    } finally {
      bootstrap.close();
    }
    Vertx vertx = Vertx.vertx(GatewayApp.vertxOptions(config));
    try {
      GatewayApp app = await(GatewayApp.start(vertx, config).toCompletionStage().toCompletableFuture());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          // the drain and the grace, plus time for the pools and the keys to close
          long bound = config.http().drainSeconds() + config.http().shutdownGraceSeconds() + 15L;
          app.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture().get(bound, TimeUnit.SECONDS);
        } catch (Exception e) {
          System.err.println("shutdown did not complete cleanly: " + e.getClass().getSimpleName());
        }
      }, "vault-gateway-shutdown"));
    } catch (RuntimeException e) {
      System.err.println("vault gateway failed to start: " + e.getMessage());
      vertx.close();
      System.exit(1);
    }
  }

  private static void token(String[] args) {
    // Logs go to stderr so that stdout carries the token alone, ready for $(...).
    System.setProperty("LOG_TARGET", "System.err");
    Map<String, String> options = options(args);
    String tenant = options.get("--tenant");
    String scope = options.get("--scope");
    if (tenant == null || tenant.isBlank() || scope == null || scope.isBlank()) {
      System.err.print(USAGE);
      System.exit(2);
    }
    long ttl;
    try {
      ttl = Long.parseLong(options.getOrDefault("--ttl", "43200"));
    } catch (NumberFormatException e) {
      ttl = -1;
    }
    if (ttl < 1 || ttl > 31L * 24 * 3600) {
      System.err.println("--ttl must be between 1 and 2678400 seconds");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    try {
      GatewayConfig config = await(ConfigLoader.load(vertx).toCompletionStage().toCompletableFuture());
      System.out.println(DevTokenMinter.create(vertx, config).mint(tenant, scope.trim(), ttl));
    } catch (Exception e) {
      System.err.println("cannot mint a dev token: " + e.getMessage());
      System.exit(1);
    } finally {
      vertx.close();
    }
  }

  private static void keyset() {
    System.setProperty("LOG_TARGET", "System.err");
    try {
      System.out.println(KeysetLoader.newProductionKeysetJson());
    } catch (java.security.GeneralSecurityException e) {
      System.err.println("cannot generate a keyset: " + e.getClass().getSimpleName());
      System.exit(1);
    }
  }

  /** {@code keys <operation> [options]}: the operation's exit code (2 for a usage error). */
  private static int keys(String[] args) {
    // what the command says goes to stdout; logs to stderr, quietly
    System.setProperty("LOG_TARGET", "System.err");
    System.setProperty("LOG_LEVEL", System.getenv().getOrDefault("LOG_LEVEL", "WARN"));
    String operation = args.length > 1 ? args[1] : "";
    Map<String, String> options = new HashMap<>();
    String argument = null;
    for (int i = 2; i < args.length; i++) {
      if (args[i].startsWith("--") && i + 1 < args.length) {
        options.put(args[i], args[++i]);
      } else if (argument == null && !args[i].startsWith("--")) {
        argument = args[i];
      } else {
        System.err.print(USAGE);
        return KeysCommand.USAGE;
      }
    }
    Vertx bootstrap = Vertx.vertx();
    GatewayConfig config;
    try {
      config = await(ConfigLoader.load(bootstrap).toCompletionStage().toCompletableFuture());
    } catch (RuntimeException e) {
      System.err.println("cannot read the configuration: " + e.getMessage());
      return KeysCommand.FAILED;
    } finally {
      bootstrap.close();
    }
    try (KeysCommand keys = KeysCommand.open(config, System.out, System.err)) {
      return switch (operation) {
        case "init" -> keys.init();
        case "import" -> keys.importKeyset(options.containsKey("--file") ? Path.of(options.get("--file")) : null);
        case "rotate" -> keys.rotate(Duration.ofSeconds(Long.parseLong(
          options.getOrDefault("--timeout", String.valueOf(KeysCommand.DEFAULT_TIMEOUT.toSeconds())))));
        case "status" -> keys.status();
        case "rewrap" -> keys.rewrap(Integer.parseInt(
          options.getOrDefault("--batch-size", String.valueOf(KeysCommand.DEFAULT_BATCH_SIZE))));
        case "retire" -> argument == null ? usage() : keys.retire(Long.parseLong(argument));
        default -> usage();
      };
    } catch (NumberFormatException e) {
      return usage();
    } catch (RuntimeException e) {
      System.err.println("keys " + operation + " failed: " + describe(e));
      return KeysCommand.FAILED;
    }
  }

  private static int usage() {
    System.err.print(USAGE);
    return KeysCommand.USAGE;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof ConfigException config ? config : new RuntimeException(describe(cause), cause);
    } catch (Exception e) {
      throw new RuntimeException("start-up timed out or was interrupted", e);
    }
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
