package io.scrapengine.vaultgateway.config;

import io.scrapengine.vaultgateway.store.PgOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listen address by profile, production's missing settings all at once, libpq settings, CORS and tracing. */
@ExtendWith(VertxExtension.class)
class OperabilitySettingsTest {

  private static GatewayConfig load(Vertx vertx, JsonObject overrides) {
    return ConfigLoader.load(vertx, overrides, false).await();
  }

  private static JsonObject environment(Map<String, String> variables) {
    JsonObject flat = new JsonObject();
    variables.forEach(flat::put);
    return EnvironmentOverrides.apply(flat);
  }

  @Test
  void prodListensOnEveryInterfaceUnlessHttpHostSaysOtherwise(Vertx vertx) {
    assertEquals("0.0.0.0", load(vertx, new JsonObject().put("profile", "prod")).http().host());
    assertEquals("10.1.2.3", load(vertx, environment(Map.of("APP_PROFILE", "prod", "HTTP_HOST", "10.1.2.3")))
      .http().host());
    assertEquals("0.0.0.0", load(vertx, environment(Map.of("HTTP_HOST", "0.0.0.0"))).http().host(),
      "dev too, when told");
  }

  @Test
  void aProductionStartNamesEveryMissingSettingAtOnce(Vertx vertx) {
    GatewayConfig bare = load(vertx, new JsonObject().put("profile", "prod"));

    List<String> missing = ProductionReadiness.missingSettings(bare);
    ConfigException failure = assertThrows(ConfigException.class, () -> ProductionReadiness.require(bare));

    assertEquals(4, missing.size(), missing.toString());
    for (String setting : List.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_PUBLIC_KEY", "KEK_FILE")) {
      assertTrue(failure.getMessage().contains(setting), setting + " in " + failure.getMessage());
    }
    assertTrue(ProductionReadiness.missingSettings(load(vertx, new JsonObject())).isEmpty(), "dev needs none");
  }

  @Test
  void libpqSslApplicationNameAndPasswordFileSettingsAreHonoured(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("root.crt");
    Files.writeString(ca, "not read until a connection is made");
    Path passFile = dir.resolve("pgpass");
    Files.writeString(passFile, """
      # host:port:database:user:password
      other.host:5432:*:gw:wrong
      db.internal:6432:gateway:gw:pa\\:ss
      *:*:*:*:fallback
      """);
    JsonObject settings = environment(Map.of("PGHOST", "db.internal", "PGPORT", "6432", "PGDATABASE", "gateway",
      "PGUSER", "gw", "PGSSLMODE", "verify-full", "PGSSLROOTCERT", ca.toString(), "PGAPPNAME", "gateway-eu-1",
      "PGPASSFILE", passFile.toString()));
    Vertx vertx = Vertx.vertx();
    try {
      PgConnectOptions options = PgOptions.connectOptions(load(vertx, settings).database());

      assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
      assertEquals("HTTPS", options.getSslOptions().getHostnameVerificationAlgorithm());
      assertEquals("gateway-eu-1", options.getProperties().get("application_name"));
      assertEquals("pa:ss", options.getPassword(), "the first matching .pgpass line, unescaped");
      String jdbc = PgOptions.jdbcUrl(options);
      assertTrue(jdbc.contains("sslmode=verify-full"), jdbc);
      assertTrue(jdbc.contains("sslrootcert="), jdbc);
      assertTrue(jdbc.contains("ApplicationName=gateway-eu-1"), jdbc);

      JsonObject explicitPassword = settings.copy();
      explicitPassword.getJsonObject("database").put("password", "given");
      assertEquals("given", PgOptions.connectOptions(load(vertx, explicitPassword).database()).getPassword());
      JsonObject badMode = settings.copy();
      badMode.getJsonObject("database").put("sslMode", "sometimes");
      assertThrows(ConfigException.class, () -> PgOptions.connectOptions(load(vertx, badMode).database()));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void corsTakesOriginsOnly(Vertx vertx) {
    assertEquals(List.of("https://app.example.com", "http://localhost:3000"),
      load(vertx, environment(Map.of("CORS_ALLOWED_ORIGINS", " https://app.example.com ,http://localhost:3000")))
        .cors().allowedOrigins());
    for (String bad : List.of("*", "https://app.example.com/path", "app.example.com", "ftp://x.example.com")) {
      assertThrows(ConfigException.class, () -> load(vertx, environment(Map.of("CORS_ALLOWED_ORIGINS", bad))), bad);
    }
  }

  @Test
  void tracingExportsOnlyWhenAskedAndOnlyToKnownExporters(Vertx vertx) {
    ObservabilityConfig otlp = load(vertx, environment(Map.of("OTEL_TRACES_EXPORTER", "otlp",
      "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"))).observability();
    assertEquals(ObservabilityConfig.TracesExporter.OTLP, otlp.tracesExporter());
    assertThrows(ConfigException.class, () -> load(vertx, environment(Map.of("OTEL_TRACES_EXPORTER", "zipkin"))));
    assertThrows(ConfigException.class, () -> load(vertx, environment(Map.of("METRICS_ENABLED", "maybe"))));
  }
}
