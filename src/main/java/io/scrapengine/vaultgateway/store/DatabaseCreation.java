package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.ConfigException;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates the gateway's database on first start when it is missing and the user may create databases, so that a
 * fresh PostgreSQL needs no manual step; otherwise says exactly what to run. Blocking (JDBC): start-up only.
 */
public final class DatabaseCreation {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseCreation.class);
  private static final String INVALID_CATALOG_NAME = "3D000";
  private static final String DUPLICATE_DATABASE = "42P04";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final String MAINTENANCE_DATABASE = "postgres";

  private DatabaseCreation() {
  }

  /** @return whether the database was created by this call */
  public static boolean ensureExists(PgConnectOptions options) {
    try (Connection ignored = connect(options, options.getDatabase())) {
      return false;
    } catch (SQLException e) {
      if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
        return false; // not ours to report: the migrations that follow fail with the real cause
      }
    }
    String database = options.getDatabase();
    try (Connection connection = connect(options, MAINTENANCE_DATABASE);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + quoted(database));
      LOG.info("created database {} on {}:{}", database, options.getHost(), options.getPort());
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
        return false; // another instance starting at the same time created it
      }
      String why = INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())
        ? "user '" + options.getUser() + "' may not create databases"
        : "it could not be created (" + e.getSQLState() + ")";
      throw new ConfigException("database '" + database + "' does not exist on " + options.getHost() + ":"
        + options.getPort() + " and " + why + ". Create it (createdb -h " + options.getHost() + " -p "
        + options.getPort() + " -O " + options.getUser() + " " + database + ") or point PGDATABASE/DATABASE_URL at"
        + " an existing database.");
    }
  }

  private static Connection connect(PgConnectOptions options, String database) throws SQLException {
    PgConnectOptions target = new PgConnectOptions(options).setDatabase(database);
    Properties properties = new Properties();
    properties.setProperty("user", options.getUser());
    if (options.getPassword() != null) {
      properties.setProperty("password", options.getPassword());
    }
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(PgOptions.jdbcUrl(target), properties);
  }

  /** A PostgreSQL identifier in double quotes, so that any configured name is taken literally. */
  static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
