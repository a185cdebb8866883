package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's database is created on first start when the user may, else the start says what to do. */
class DatabaseCreationTest {

  private static PgConnectOptions options(String database, String user) {
    PgConnectOptions options = new PgConnectOptions().setHost(TestDatabase.host()).setPort(TestDatabase.port())
      .setDatabase(database).setUser(user);
    String password = System.getenv("PGPASSWORD");
    return password == null ? options : options.setPassword(password);
  }

  private static void asSuperuser(String sql) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("user", System.getenv().getOrDefault("PGUSER", "postgres"));
    if (System.getenv("PGPASSWORD") != null) {
      properties.setProperty("password", System.getenv("PGPASSWORD"));
    }
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + TestDatabase.host() + ":"
      + TestDatabase.port() + "/postgres", properties); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() throws Exception {
    String name = "vg_create_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PgConnectOptions target = options(name, System.getenv().getOrDefault("PGUSER", "postgres"));
    try {
      assertTrue(DatabaseCreation.ensureExists(target));
      assertFalse(DatabaseCreation.ensureExists(target), "it exists now");
    } finally {
      asSuperuser("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  @Test
  void aUserWhoMayNotCreateDatabasesIsToldWhatToRun() throws Exception {
    String role = "vg_nocreate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String name = "vg_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    asSuperuser("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'x'");
    try {
      PgConnectOptions target = options(name, role).setPassword("x");
      ConfigException failure = assertThrows(ConfigException.class, () -> DatabaseCreation.ensureExists(target));
      assertTrue(failure.getMessage().contains("may not create databases"), failure.getMessage());
      assertTrue(failure.getMessage().contains("createdb"), failure.getMessage());
      assertTrue(failure.getMessage().contains(name), failure.getMessage());
    } finally {
      asSuperuser("DROP ROLE IF EXISTS " + role);
    }
  }

  @Test
  void namesAreQuotedAsIdentifiers() {
    assertTrue(DatabaseCreation.quoted("odd\"name").equals("\"odd\"\"name\""));
  }
}
