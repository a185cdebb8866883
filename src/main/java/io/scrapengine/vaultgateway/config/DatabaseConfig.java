package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/**
/**
 * PostgreSQL settings; {@code url} (DATABASE_URL) wins over the libpq-style fields when present.
 * {@code statementTimeoutMs} bounds every statement on the server (0: no bound); one that runs longer is cancelled
 * and answered as a retryable 503. The TLS, application-name and password-file settings follow libpq's PGSSLMODE,
 * PGSSLROOTCERT, PGAPPNAME and PGPASSFILE.
 */
public record DatabaseConfig(String url, String host, int port, String database, String user, String password,
                             int poolSize, int waitQueueSize, int connectTimeoutSeconds, int idleTimeoutSeconds,
                             int maxLifetimeSeconds, int statementTimeoutMs, String sslMode, String sslRootCert,
                             String applicationName, String passFile) {

  /** The database the gateway uses unless told otherwise; created on first start when the user may. */
  public static final String DEFAULT_DATABASE = "vault_gateway";

  static DatabaseConfig from(JsonObject json) {
    return new DatabaseConfig(
      JsonValues.string(json, "url", null),
      JsonValues.string(json, "host", "127.0.0.1"),
      JsonValues.integer(json, "port", 5432, 1, 65535),
      JsonValues.string(json, "database", DEFAULT_DATABASE),
      JsonValues.string(json, "user", "postgres"),
      JsonValues.string(json, "password", null),
      JsonValues.integer(json, "poolSize", 8, 1, 512),
      JsonValues.integer(json, "waitQueueSize", 256, 0, 100_000),
      JsonValues.integer(json, "connectTimeoutSeconds", 5, 1, 300),
      JsonValues.integer(json, "idleTimeoutSeconds", 60, 0, 86_400),
      JsonValues.integer(json, "maxLifetimeSeconds", 1800, 0, 86_400),
      JsonValues.integer(json, "statementTimeoutMs", 5000, 0, 3_600_000),
      JsonValues.string(json, "sslMode", null),
      JsonValues.string(json, "sslRootCert", null),
      JsonValues.string(json, "applicationName", "vault-gateway"),
      JsonValues.string(json, "passFile", null));
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + (url == null ? "unset" : "set") + ", host=" + host + ", port=" + port
      + ", database=" + database + ", user=" + user + ", poolSize=" + poolSize + ", sslMode=" + sslMode + "]";
  }
}
