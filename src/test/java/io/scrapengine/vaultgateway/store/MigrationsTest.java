package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
class MigrationsTest {

  @Test
  void instancesStartingAtOnceMigrateAFreshDatabaseExactlyOnce(Vertx vertx) throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      GatewayConfig config = ConfigLoader.load(vertx,
        new JsonObject().put("database", database.configSection()), false).await();
      PgConnectOptions options = PgOptions.connectOptions(config.database());
      int instances = 4;
      CyclicBarrier together = new CyclicBarrier(instances);
      ExecutorService pool = Executors.newFixedThreadPool(instances);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          Callable<Integer> migrate = () -> {
            together.await(10, TimeUnit.SECONDS);
            return Migrations.apply(options).migrationsExecuted;
          };
          results.add(pool.submit(migrate));
        }
        int executed = 0;
        for (Future<Integer> result : results) {
          executed += result.get(60, TimeUnit.SECONDS);
        }
        assertEquals(countMigrationFiles(), executed, "each migration ran once across all instances");
      } finally {
        pool.shutdownNow();
      }
      try (Connection connection = database.connect(); Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery(
             "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
        rows.next();
        assertEquals(countMigrationFiles(), rows.getInt(1));
      }
      assertEquals(0, Migrations.apply(options).migrationsExecuted, "a restart applies nothing");
    }
  }

  private static int countMigrationFiles() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return (int) files.filter(path -> path.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
  }
}
