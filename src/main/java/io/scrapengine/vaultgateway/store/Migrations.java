package io.scrapengine.vaultgateway.store;

import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies {@code db/migration} with Flyway. Blocking (JDBC): run it with {@code executeBlocking} at start-up.
 * Flyway holds a PostgreSQL advisory lock while migrating, so instances starting together take turns.
 */
public final class Migrations {

  private Migrations() {
  }

  public static MigrateResult apply(PgConnectOptions options) {
    return Flyway.configure()
      .dataSource(PgOptions.jdbcUrl(options), options.getUser(), options.getPassword())
      .locations("classpath:db/migration")
      .connectRetries(5)
      .load()
      .migrate();
  }
}
