package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.GatewayApp;
import io.scrapengine.vaultgateway.Observability;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.logging.LogShutdown;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "serve", mixinStandardHelpOptions = true,
  description = {"Runs the service (the default command).",
    "Configuration: conf/application.yaml (or CONFIG_FILE), then environment variables; see README.md."})
final class ServeCommand implements Callable<Integer> {

  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final long START_TIMEOUT_SECONDS = 120;
  /** Beyond the drain and the grace: time for the pools and the keys to close. */
  private static final long STOP_MARGIN_SECONDS = 15;

  static boolean started() {
    return STARTED.get();
  }

  @Override
  public Integer call() {
    GatewayConfig config;
    Vertx bootstrap = Vertx.vertx();
    try {
      config = await(ConfigLoader.load(bootstrap));
    } catch (RuntimeException e) {
      System.err.println("vault gateway failed to start: " + e.getMessage());
      return 1;
    } finally {
      bootstrap.close();
    }
    JvmFlags.validationWarning().ifPresent(warning -> LoggerFactory.getLogger(ServeCommand.class).warn(warning));
    Observability observability = Observability.create(config);
    Vertx vertx = GatewayApp.vertx(config, observability);
    try {
      GatewayApp app = await(GatewayApp.start(vertx, config, observability));
      long stopSeconds = config.http().drainSeconds() + config.http().shutdownGraceSeconds() + STOP_MARGIN_SECONDS;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app, vertx, observability, stopSeconds),
        "vault-gateway-shutdown"));
      STARTED.set(true);
      return 0;
    } catch (RuntimeException e) {
      System.err.println("vault gateway failed to start: " + e.getMessage());
      vertx.close();
      observability.close();
      return 1;
    }
  }

  private static void stop(GatewayApp app, Vertx vertx, Observability observability, long stopSeconds) {
    try {
      app.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture()
        .get(stopSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("shutdown did not complete cleanly: " + e.getClass().getSimpleName());
    } finally {
      observability.close();
      LogShutdown.stop();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
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
