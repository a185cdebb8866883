package io.scrapengine.vaultgateway.support;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test class, created on the local server and dropped afterwards.
 * Connection settings follow the libpq variables when set, else the local defaults (127.0.0.1:5432, postgres).
 */
public final class TestDatabase implements AutoCloseable {

  private static final String HOST = env("PGHOST", "127.0.0.1");
  private static final int PORT = Integer.parseInt(env("PGPORT", "5432"));
  private static final String USER = env("PGUSER", "postgres");
  private static final String PASSWORD = System.getenv("PGPASSWORD");

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() {
    String name = "vg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("postgres", "CREATE DATABASE " + name);
    return new TestDatabase(name);
  }

  public String name() {
    return name;
  }

  public static String host() {
    return HOST;
  }

  public static int port() {
    return PORT;
  }

  /** The {@code database} section of the gateway configuration, pointing at this database. */
  public JsonObject configSection() {
    JsonObject section = new JsonObject().put("host", HOST).put("port", PORT).put("database", name).put("user", USER)
      .put("poolSize", 4);
    if (PASSWORD != null) {
      section.put("password", PASSWORD);
    }
    return section;
  }

  public Connection connect() throws SQLException {
    return connect(name);
  }

  /** The first column of the first row of {@code sql}, bound to {@code parameters}, as an int. */
  public int queryInt(String sql, Object... parameters) {
    return query(sql, parameters, rows -> rows.getInt(1));
  }

  /** The first column of the first row of {@code sql}, bound to {@code parameters}, as bytes. */
  public byte[] queryBytes(String sql, Object... parameters) {
    return query(sql, parameters, rows -> rows.getBytes(1));
  }

  /** The first column of the first row of {@code sql}, bound to {@code parameters}, as text. */
  public String queryString(String sql, Object... parameters) {
    return query(sql, parameters, rows -> rows.getString(1));
  }

  /** Runs an update and returns the number of rows it changed. */
  public int update(String sql, Object... parameters) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "'", e);
    }
  }

  private <T> T query(String sql, Object[] parameters, Column<T> column) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new AssertionError("no row for '" + sql + "'");
        }
        return column.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "'", e);
    }
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  @FunctionalInterface
  private interface Column<T> {
    T read(ResultSet rows) throws SQLException;
  }

  @Override
  public void close() {
    execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    if (PASSWORD != null) {
      properties.setProperty("password", PASSWORD);
    }
    return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, properties);
  }

  private static void execute(String database, String sql) {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL server", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
