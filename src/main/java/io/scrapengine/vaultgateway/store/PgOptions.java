package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.DatabaseConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.PoolOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Turns {@link DatabaseConfig} into reactive-client options, and the JDBC URL Flyway needs. */
public final class PgOptions {

  private PgOptions() {
  }

  public static PgConnectOptions connectOptions(DatabaseConfig config) {
    PgConnectOptions options;
    if (config.url() != null) {
      try {
        options = PgConnectOptions.fromUri(config.url());
      } catch (RuntimeException e) {
        throw new ConfigException("DATABASE_URL is not a valid postgresql:// URL");
      }
    } else {
      options = new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(config.user());
      if (config.password() != null) {
        options.setPassword(config.password());
      }
    }
    if (config.statementTimeoutMs() > 0) {
      // a run-time parameter of the session, sent at connect: the server cancels longer statements (57014)
      options.addProperty("statement_timeout", String.valueOf(config.statementTimeoutMs()));
    }
    return options
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(64)
      .setPipeliningLimit(PgConnectOptions.DEFAULT_PIPELINING_LIMIT);
  }

  public static NetClientOptions netOptions(DatabaseConfig config) {
    return new NetClientOptions()
      .setConnectTimeout((int) TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds()))
      .setTcpKeepAlive(true);
  }

  /**
   * One pool per process, whatever the number of persistence verticles: it is shared by name, sized by
   * DB_POOL_SIZE, and each connection lives on the event loop that first needed it. The name tells databases
   * apart, so that two gateways in one Vert.x (as in tests) never share a pool.
   */
  public static PoolOptions poolOptions(DatabaseConfig config, PgConnectOptions target) {
    return new PoolOptions()
      .setShared(true)
      .setMaxSize(config.poolSize())
      .setMaxWaitQueueSize(config.waitQueueSize())
      .setConnectionTimeout(config.connectTimeoutSeconds())
      .setConnectionTimeoutUnit(TimeUnit.SECONDS)
      .setIdleTimeout(config.idleTimeoutSeconds())
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      .setMaxLifetime(config.maxLifetimeSeconds())
      .setMaxLifetimeUnit(TimeUnit.SECONDS)
      .setName("vault-gateway:" + target.getUser() + "@" + target.getHost() + ":" + target.getPort() + "/"
        + target.getDatabase());
  }

  public static String jdbcUrl(PgConnectOptions options) {
    String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(options.getPort())
      .append('/').append(URLEncoder.encode(options.getDatabase(), StandardCharsets.UTF_8));
    SslMode sslMode = options.getSslMode();
    if (sslMode != null && sslMode != SslMode.DISABLE) {
      url.append("?sslmode=").append(sslMode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return url.toString();
  }
}
