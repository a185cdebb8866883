package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.ConfigException;
import io.scrapengine.vaultgateway.config.DatabaseConfig;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
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
    applyLibpqSettings(options, config);
    if (config.statementTimeoutMs() > 0) {
      // a run-time parameter of the session, sent at connect: the server cancels longer statements (57014)
      options.addProperty("statement_timeout", String.valueOf(config.statementTimeoutMs()));
    }
    return options
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(64)
      .setPipeliningLimit(PgConnectOptions.DEFAULT_PIPELINING_LIMIT);
  }

  /** PGSSLMODE, PGSSLROOTCERT, PGAPPNAME and PGPASSFILE, as libpq reads them. */
  private static void applyLibpqSettings(PgConnectOptions options, DatabaseConfig config) {
    if (config.sslMode() != null) {
      try {
        options.setSslMode(SslMode.of(config.sslMode().trim().toLowerCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("PGSSLMODE must be one of disable, allow, prefer, require, verify-ca, verify-full;"
          + " got '" + config.sslMode() + "'");
      }
    }
    if (config.sslRootCert() != null) {
      options.setSslOptions(new ClientSSLOptions()
        .setTrustOptions(new PemTrustOptions().addCertPath(config.sslRootCert())));
    }
    if (options.getSslMode() == SslMode.VERIFY_FULL) {
      if (options.getSslOptions() == null) {
        options.setSslOptions(new ClientSSLOptions());
      }
      options.getSslOptions().setHostnameVerificationAlgorithm("HTTPS");
    }
    if (config.applicationName() != null) {
      options.addProperty("application_name", config.applicationName());
    }
    if (!hasExplicitPassword(config)) {
      PgPassFile.password(PgPassFile.location(config.passFile()), options.getHost(), options.getPort(),
        options.getDatabase(), options.getUser()).ifPresent(options::setPassword);
    }
  }

  /** Whether a password was configured (the reactive client's options otherwise carry a placeholder). */
  private static boolean hasExplicitPassword(DatabaseConfig config) {
    if (config.url() == null) {
      return config.password() != null;
    }
    String userInfo = java.net.URI.create(config.url()).getRawUserInfo();
    return userInfo != null && userInfo.contains(":");
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
    char separator = '?';
    SslMode sslMode = options.getSslMode();
    if (sslMode != null && sslMode != SslMode.DISABLE) {
      url.append(separator).append("sslmode=").append(sslMode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      separator = '&';
    }
    if (options.getSslOptions() != null && options.getSslOptions().getTrustOptions() instanceof PemTrustOptions pem
      && !pem.getCertPaths().isEmpty()) {
      url.append(separator).append("sslrootcert=")
        .append(URLEncoder.encode(pem.getCertPaths().get(0), StandardCharsets.UTF_8));
      separator = '&';
    }
    String applicationName = options.getProperties().get("application_name");
    if (applicationName != null) {
      url.append(separator).append("ApplicationName=").append(URLEncoder.encode(applicationName,
        StandardCharsets.UTF_8));
    }
    return url.toString();
  }
}
