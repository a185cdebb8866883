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
    VARIABLES.put("VAULT_ALLOWED_CIDRS", "vault.allowedCidrs");
    VARIABLES.put("VAULT_CONNECT_TIMEOUT_MS", "vault.connectTimeoutMs");
    VARIABLES.put("VAULT_REQUEST_TIMEOUT_MS", "vault.requestTimeoutMs");
    VARIABLES.put("VAULT_MAX_RESPONSE_BYTES", "vault.maxResponseBytes");
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
