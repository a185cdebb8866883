package io.scrapengine.vaultgateway.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ConfigurationTest {

  @Test
  void theShippedDefaultsWorkOnAFreshMachine(Vertx vertx) {
    GatewayConfig config = ConfigLoader.load(vertx, new JsonObject(), false).await();

    assertEquals(Profile.DEV, config.profile());
    assertEquals(Path.of(".data"), config.dataDir());
    assertEquals(8080, config.http().port());
    assertEquals(65536, config.http().bodyLimitBytes());
    assertEquals("127.0.0.1", config.database().host());
    assertEquals(5432, config.database().port());
    assertEquals("vault_gateway", config.database().database(), "never the maintenance database");
    assertEquals("postgres", config.database().user());
    assertNull(config.database().url());
    assertEquals("127.0.0.1", config.http().host(), "dev listens on loopback only");
    assertFalse(config.cors().enabled(), "CORS off");
    assertTrue(config.observability().metricsEnabled());
    assertEquals(ObservabilityConfig.TracesExporter.NONE, config.observability().tracesExporter(),
      "spans go nowhere unless asked");
    assertEquals("tid", config.auth().tenantClaim());
    assertEquals(List.of("RS256"), config.auth().algorithms());
    assertFalse(config.crypto().isConfigured());
    assertEquals(Runtime.getRuntime().availableProcessors(), config.instances());
  }

  @Test
  void environmentVariablesReachTheirNestedKeys() {
    JsonObject merged = new JsonObject()
      .put("http", new JsonObject().put("port", 8080).put("host", "0.0.0.0"))
      .put("HTTP_PORT", "9090")
      .put("APP_PROFILE", "prod")
      .put("DATA_DIR", "/var/lib/vault-gateway")
      .put("PGHOST", "db.internal")
      .put("PGPORT", "6432")
      .put("PGDATABASE", "gateway")
      .put("PGUSER", "gw")
      .put("PGPASSWORD", "pw")
      .put("JWT_ISSUER", "https://login.example.com")
      .put("JWT_AUDIENCE", "vault-gateway")
      .put("JWT_TENANT_CLAIM", "org")
      .put("JWT_ALGORITHMS", "RS256, ES256")
      .put("KEYSET_FILE", "/run/secrets/keyset.json")
      .put("DB_POOL_SIZE", "16")
      .put("JWT_LEEWAY_SECONDS", "");

    GatewayConfig config = GatewayConfig.from(EnvironmentOverrides.apply(merged));

    assertEquals(9090, config.http().port());
    assertEquals("0.0.0.0", config.http().host());
    assertEquals(Profile.PROD, config.profile());
    assertEquals(Path.of("/var/lib/vault-gateway"), config.dataDir());
    assertEquals("db.internal", config.database().host());
    assertEquals(6432, config.database().port());
    assertEquals("gateway", config.database().database());
    assertEquals("gw", config.database().user());
    assertEquals("pw", config.database().password());
    assertEquals(16, config.database().poolSize());
    assertEquals("https://login.example.com", config.auth().issuer());
    assertEquals("org", config.auth().tenantClaim());
    assertEquals(List.of("RS256", "ES256"), config.auth().algorithms());
    assertEquals(30, config.auth().leewaySeconds(), "an empty variable keeps the default");
    assertEquals("/run/secrets/keyset.json", config.crypto().keysetFile());
  }

  @Test
  void databaseUrlWinsAndPasswordsNeverPrint() {
    JsonObject merged = EnvironmentOverrides.apply(new JsonObject()
      .put("DATABASE_URL", "postgresql://gw:hunter2@db.example.com:6543/gateway?sslmode=require"));
    GatewayConfig config = GatewayConfig.from(merged);

    var options = io.scrapengine.vaultgateway.store.PgOptions.connectOptions(config.database());
    assertEquals("db.example.com", options.getHost());
    assertEquals(6543, options.getPort());
    assertEquals("gateway", options.getDatabase());
    assertEquals("gw", options.getUser());
    assertEquals("jdbc:postgresql://db.example.com:6543/gateway?sslmode=require&ApplicationName=vault-gateway",
      io.scrapengine.vaultgateway.store.PgOptions.jdbcUrl(options));
    assertFalse(config.toString().contains("hunter2"), config.toString());
  }

  @Test
  void invalidValuesAreRefusedWithTheirName() {
    ConfigException port = assertThrows(ConfigException.class,
      () -> GatewayConfig.from(EnvironmentOverrides.apply(new JsonObject().put("HTTP_PORT", "eighty"))));
    assertTrue(port.getMessage().contains("port"), port.getMessage());
    assertThrows(ConfigException.class,
      () -> GatewayConfig.from(EnvironmentOverrides.apply(new JsonObject().put("HTTP_PORT", "70000"))));
    ConfigException profile = assertThrows(ConfigException.class,
      () -> GatewayConfig.from(EnvironmentOverrides.apply(new JsonObject().put("APP_PROFILE", "staging"))));
    assertTrue(profile.getMessage().contains("APP_PROFILE"));
    ConfigException algorithm = assertThrows(ConfigException.class,
      () -> GatewayConfig.from(EnvironmentOverrides.apply(new JsonObject().put("JWT_ALGORITHMS", "HS256"))));
    assertTrue(algorithm.getMessage().contains("HS256"));
  }

  @Test
  void everyDocumentedVariableIsMapped() {
    List<String> documented = List.of("APP_PROFILE", "DATA_DIR", "HTTP_PORT", "HTTP_HOST", "DATABASE_URL", "PGHOST",
      "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "JWT_ISSUER", "JWT_AUDIENCE", "JWT_TENANT_CLAIM",
      "JWT_PUBLIC_KEY", "JWT_PUBLIC_KEY_FILE", "JWT_JWKS", "JWT_JWKS_FILE", "JWT_ALGORITHMS", "KEYSET_FILE",
      "KEYSET_JSON");
    assertTrue(EnvironmentOverrides.variableNames().getList().containsAll(documented));
  }
}
