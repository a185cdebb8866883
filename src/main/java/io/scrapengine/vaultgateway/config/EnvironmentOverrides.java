package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps the flat environment variables operators set onto the nested keys of {@code conf/application.yaml}.
 * The vertx-config env store is flat, so without this table a variable would never reach a nested key.
 */
public final class EnvironmentOverrides {

  private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

  static {
    VARIABLES.put("APP_PROFILE", "profile");
    VARIABLES.put("DATA_DIR", "dataDir");
    VARIABLES.put("VERTICLE_INSTANCES", "instances");
    VARIABLES.put("HTTP_HOST", "http.host");
    VARIABLES.put("HTTP_PORT", "http.port");
    VARIABLES.put("HTTP_BODY_LIMIT_BYTES", "http.bodyLimitBytes");
    VARIABLES.put("HTTP_SHUTDOWN_GRACE_SECONDS", "http.shutdownGraceSeconds");
    // hardening: drain on shutdown, connection hygiene, rate limits
    VARIABLES.put("HTTP_DRAIN_SECONDS", "http.drainSeconds");
    VARIABLES.put("HTTP_IDLE_TIMEOUT_SECONDS", "http.idleTimeoutSeconds");
    VARIABLES.put("HTTP_REQUEST_HEADER_TIMEOUT_SECONDS", "http.requestHeaderTimeoutSeconds");
    VARIABLES.put("HTTP_MAX_CONNECTIONS", "http.maxConnections");
    VARIABLES.put("RATE_LIMITS_ENABLED", "http.rateLimits.enabled");
    VARIABLES.put("RATE_LIMIT_WRITES_PER_SECOND", "http.rateLimits.writes.perSecond");
    VARIABLES.put("RATE_LIMIT_WRITES_BURST", "http.rateLimits.writes.burst");
    VARIABLES.put("RATE_LIMIT_TESTS_PER_SECOND", "http.rateLimits.tests.perSecond");
    VARIABLES.put("RATE_LIMIT_TESTS_BURST", "http.rateLimits.tests.burst");
    VARIABLES.put("RATE_LIMIT_RESOLVES_PER_SECOND", "http.rateLimits.resolves.perSecond");
    VARIABLES.put("RATE_LIMIT_RESOLVES_BURST", "http.rateLimits.resolves.burst");
    VARIABLES.put("DATABASE_URL", "database.url");
    VARIABLES.put("PGHOST", "database.host");
    VARIABLES.put("PGPORT", "database.port");
    VARIABLES.put("PGDATABASE", "database.database");
    VARIABLES.put("PGUSER", "database.user");
    VARIABLES.put("PGPASSWORD", "database.password");
    VARIABLES.put("DB_POOL_SIZE", "database.poolSize");
    VARIABLES.put("DB_WAIT_QUEUE_SIZE", "database.waitQueueSize");
    VARIABLES.put("DB_CONNECT_TIMEOUT_SECONDS", "database.connectTimeoutSeconds");
    VARIABLES.put("DB_IDLE_TIMEOUT_SECONDS", "database.idleTimeoutSeconds");
    VARIABLES.put("DB_MAX_LIFETIME_SECONDS", "database.maxLifetimeSeconds");
    VARIABLES.put("DB_STATEMENT_TIMEOUT_MS", "database.statementTimeoutMs");
    VARIABLES.put("JWT_ISSUER", "auth.issuer");
    VARIABLES.put("JWT_AUDIENCE", "auth.audience");
    VARIABLES.put("JWT_TENANT_CLAIM", "auth.tenantClaim");
    VARIABLES.put("JWT_ALGORITHMS", "auth.algorithms");
    VARIABLES.put("JWT_PUBLIC_KEY", "auth.publicKeyPem");
    VARIABLES.put("JWT_PUBLIC_KEY_FILE", "auth.publicKeyFile");
    VARIABLES.put("JWT_JWKS", "auth.jwks");
    VARIABLES.put("JWT_JWKS_FILE", "auth.jwksFile");
    VARIABLES.put("JWT_LEEWAY_SECONDS", "auth.leewaySeconds");
    VARIABLES.put("JWT_TOKEN_CACHE_SIZE", "auth.tokenCacheSize");
    VARIABLES.put("KEYSET_FILE", "crypto.keysetFile");
    VARIABLES.put("KEYSET_JSON", "crypto.keysetJson");
    // keys at rest: the key-encryption key and the instances' keyset heartbeats
    VARIABLES.put("KEK_FILE", "crypto.kekFile");
    VARIABLES.put("KEK_JSON", "crypto.kekJson");
    VARIABLES.put("KEK_VAULT_ADDRESS", "crypto.kekVault.address");
    VARIABLES.put("KEK_VAULT_MOUNT", "crypto.kekVault.mount");
    VARIABLES.put("KEK_VAULT_KEY", "crypto.kekVault.key");
    VARIABLES.put("KEK_VAULT_NAMESPACE", "crypto.kekVault.namespace");
    VARIABLES.put("KEK_VAULT_TOKEN", "crypto.kekVault.token");
    VARIABLES.put("KEK_VAULT_TOKEN_FILE", "crypto.kekVault.tokenFile");
    VARIABLES.put("KEK_VAULT_AUTH_MOUNT", "crypto.kekVault.authMount");
    VARIABLES.put("KEK_VAULT_ROLE_ID", "crypto.kekVault.roleId");
    VARIABLES.put("KEK_VAULT_SECRET_ID", "crypto.kekVault.secretId");
    VARIABLES.put("KEK_VAULT_SECRET_ID_FILE", "crypto.kekVault.secretIdFile");
    VARIABLES.put("KEK_VAULT_CACERT", "crypto.kekVault.caCertFile");
    VARIABLES.put("KEK_VAULT_TIMEOUT_MS", "crypto.kekVault.requestTimeoutMs");
    VARIABLES.put("KEYSET_HEARTBEAT_SECONDS", "crypto.heartbeatSeconds");
    VARIABLES.put("KEYSET_INSTANCE_TIMEOUT_SECONDS", "crypto.instanceTimeoutSeconds");
    VARIABLES.put("VAULT_ALLOWED_CIDRS", "vault.allowedCidrs");
    VARIABLES.put("VAULT_CONNECT_TIMEOUT_MS", "vault.connectTimeoutMs");
    VARIABLES.put("VAULT_REQUEST_TIMEOUT_MS", "vault.requestTimeoutMs");
    VARIABLES.put("VAULT_MAX_RESPONSE_BYTES", "vault.maxResponseBytes");
    VARIABLES.put("VAULT_SESSION_IDLE_SECONDS", "vault.sessionIdleSeconds");
    VARIABLES.put("VAULT_MAX_IN_FLIGHT", "vault.maxInFlight");
    VARIABLES.put("VAULT_QUEUE_SIZE", "vault.queueSize");
    VARIABLES.put("VAULT_CIRCUIT_FAILURES", "vault.circuitFailures");
    VARIABLES.put("VAULT_CIRCUIT_OPEN_SECONDS", "vault.circuitOpenSeconds");
    VARIABLES.put("VAULT_LOGIN_RETRY_AFTER_SECONDS", "vault.loginRetryAfterSeconds");
    VARIABLES.put("AUDIT_RETENTION_DAYS", "audit.retentionDays");
    VARIABLES.put("EVENT_BUS_TIMEOUT_MS", "eventBus.requestTimeoutMs");
    // operability (issue 11)
    VARIABLES.put("PGSSLMODE", "database.sslMode");
    VARIABLES.put("PGSSLROOTCERT", "database.sslRootCert");
    VARIABLES.put("PGAPPNAME", "database.applicationName");
    VARIABLES.put("PGPASSFILE", "database.passFile");
    VARIABLES.put("JWT_JWKS_URL", "auth.jwksUrl");
    VARIABLES.put("JWT_JWKS_REFRESH_SECONDS", "auth.jwksRefreshSeconds");
    VARIABLES.put("JWT_JWKS_MIN_REFRESH_SECONDS", "auth.jwksMinRefreshSeconds");
    VARIABLES.put("METRICS_ENABLED", "observability.metricsEnabled");
    VARIABLES.put("ACCESS_LOG", "observability.accessLog");
    VARIABLES.put("TRACING_ENABLED", "observability.tracingEnabled");
    VARIABLES.put("OTEL_TRACES_EXPORTER", "observability.tracesExporter");
    VARIABLES.put("OTEL_EXPORTER_OTLP_ENDPOINT", "observability.otlpEndpoint");
    VARIABLES.put("OTEL_SERVICE_NAME", "observability.serviceName");
    VARIABLES.put("CORS_ALLOWED_ORIGINS", "cors.allowedOrigins");
  }

  private EnvironmentOverrides() {
  }

  /** The variable names, for the env store's {@code keys} filter. */
  public static JsonArray variableNames() {
    return new JsonArray(VARIABLES.keySet().stream().map(Object.class::cast).toList());
  }

  /** Moves every known flat variable present in {@code merged} to its nested key; empty values are ignored. */
  public static JsonObject apply(JsonObject merged) {
    JsonObject result = merged.copy();
    VARIABLES.forEach((variable, path) -> {
      Object value = result.remove(variable);
      if (value != null && !value.toString().isEmpty()) {
        put(result, path, value);
      }
    });
    return result;
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] segments = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < segments.length - 1; i++) {
      JsonObject child = node.getJsonObject(segments[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(segments[i], child);
      }
      node = child;
    }
    node.put(segments[segments.length - 1], value);
  }
}
