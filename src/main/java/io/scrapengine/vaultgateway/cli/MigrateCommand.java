package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.store.DatabaseCreation;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
  description = {"Creates the database if it is missing (when the user may) and applies the migrations, then",
    "exits. The service does the same at every start; run this as a one-shot step before starting instances."})
final class MigrateCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      GatewayConfig config = ConfigLoader.load(vertx).await();
      PgConnectOptions options = PgOptions.connectOptions(config.database());
      DatabaseCreation.ensureExists(options);
      int applied = Migrations.apply(options).migrationsExecuted;
      spec.commandLine().getErr().println("database " + options.getDatabase() + " on " + options.getHost() + ":"
        + options.getPort() + " is up to date (" + applied + " migration(s) applied now)");
      return 0;
    } catch (Exception e) {
      spec.commandLine().getErr().println("migration failed: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }
}
