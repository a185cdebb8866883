package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every request rule of createVaultIntegration, each violation a 400 naming the field and the reason. */
@ExtendWith(VertxExtension.class)
class CreateValidationTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static final String PATH = "/api/v1/vault-integrations";

  private static String token;

  @BeforeAll
  static void start(Vertx vertx) {
    token = ENV.gateway().token("tenant-validation", TestGateway.WRITE);
  }


  static Stream<Arguments> violations() {
    return Stream.of(
      violation("name missing", body -> body.remove("name"), "name", "is required"),
      violation("name empty", body -> body.put("name", ""), "name", "must not be empty"),
      violation("name too long", body -> body.put("name", "n".repeat(101)), "name", "at most 100"),
      violation("name far too long", body -> body.put("name", "n".repeat(60_000)), "name", "at most 100"),
      violation("name with a newline", body -> body.put("name", "prod\nvault"), "name", "control characters"),
      violation("name with NUL", body -> body.put("name", "prod\u0000vault"), "name", "control characters"),
      violation("name with DEL", body -> body.put("name", "prod\u007Fvault"), "name", "control characters"),
      violation("name not a string", body -> body.put("name", 42), "name", "must be of type string"),
      violation("type missing", body -> body.remove("type"), "type", "is required"),
      violation("type other", body -> body.put("type", "aws"), "type", "allowed values"),
      violation("type wrong case", body -> body.put("type", "HashiCorp"), "type", "allowed values"),
      violation("config missing", body -> body.remove("config"), "config", "is required"),
      violation("config not an object", body -> body.put("config", "x"), "config", "must be of type object"),
      violation("address missing", config(c -> c.remove("address")), "config.address", "is required"),
      violation("address empty", config(c -> c.put("address", "")), "config.address", "must not be empty"),
      violation("address ftp", config(c -> c.put("address", "ftp://vault.example.com")), "config.address",
        "http or https"),
      violation("address relative", config(c -> c.put("address", "vault.example.com:8200")), "config.address",
        "http or https"),
      violation("address without host", config(c -> c.put("address", "https:///v1")), "config.address", "host"),
      violation("address opaque", config(c -> c.put("address", "https:vault")), "config.address", "host"),
      violation("address with user-info", config(c -> c.put("address", "https://admin:pw@vault.example.com")),
        "config.address", "user-info"),
      violation("address with query", config(c -> c.put("address", "https://vault.example.com/?x=1")),
        "config.address", "query"),
      violation("address with empty query", config(c -> c.put("address", "https://vault.example.com/?")),
        "config.address", "query"),
      violation("address with fragment", config(c -> c.put("address", "https://vault.example.com/#top")),
        "config.address", "fragment"),
      violation("address with a space", config(c -> c.put("address", "https://vault example.com")),
        "config.address", "valid URL"),
      violation("address with bad port", config(c -> c.put("address", "https://vault.example.com:99999")),
        "config.address", "port"),
      violation("address too long", config(c -> c.put("address", "https://v.example.com/" + "p".repeat(2048))),
        "config.address", "at most 2048"),
      violation("namespace empty", config(c -> c.put("namespace", "")), "config.namespace", "must not be empty"),
      violation("namespace with whitespace", config(c -> c.put("namespace", "admin team")), "config.namespace",
        "whitespace"),
      violation("namespace with a tab", config(c -> c.put("namespace", "admin\tteam")), "config.namespace",
        "whitespace"),
      violation("namespace too long", config(c -> c.put("namespace", "n".repeat(256))), "config.namespace",
        "at most 255"),
      violation("namespace not a string", config(c -> c.put("namespace", 7)), "config.namespace",
        "must be of type string or null"),
      violation("authMethod missing", config(c -> c.remove("authMethod")), "config.authMethod", "is required"),
      violation("authMethod other", config(c -> c.put("authMethod", "token")), "config.authMethod",
        "allowed values"),
      violation("roleId missing", config(c -> c.remove("roleId")), "config.roleId", "is required"),
      violation("roleId empty", config(c -> c.put("roleId", "")), "config.roleId", "must not be empty"),
      violation("roleId too long", config(c -> c.put("roleId", "r".repeat(256))), "config.roleId", "at most 255"),
      violation("secretId missing", config(c -> c.remove("secretId")), "config.secretId", "is required"),
      violation("secretId empty", config(c -> c.put("secretId", "")), "config.secretId", "must not be empty"),
      violation("secretId too long", config(c -> c.put("secretId", "s".repeat(1025))), "config.secretId",
        "at most 1024"),
      violation("snake_case secret_id in config", config(c -> c.put("secret_id", "x")), "config.secret_id",
        "not a known property"),
      violation("unknown top-level property", body -> body.put("secret_id", "x"), "secret_id",
        "not a known property"),
      violation("dotted key at top level", body -> body.put("config.address", "https://x.example.com"),
        "[\"config.address\"]", "not a known property"),
      violation("unknown property in config", config(c -> c.put("tlsSkipVerify", true)), "config.tlsSkipVerify",
        "not a known property"));
  }

  private static Arguments violation(String name, Consumer<JsonObject> change, String field, String reason) {
    return Arguments.of(name, change, field, reason);
  }

  private static Consumer<JsonObject> config(Consumer<JsonObject> change) {
    return body -> change.accept(body.getJsonObject("config"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void eachViolationIsA400NamingTheFieldAndTheReason(String name, Consumer<JsonObject> change, String field,
                                                     String reason) {
    JsonObject body = Integrations.named("valid-name");
    change.accept(body);

    HttpResponse<Buffer> response = ENV.gateway().post(PATH, token, body);

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals(400, problem.getInteger("status"));
    assertNotNull(problem.getString("type"));
    assertNotNull(problem.getString("title"));
    JsonArray errors = problem.getJsonArray("errors");
    assertTrue(errors.stream().map(JsonObject.class::cast).anyMatch(error ->
        error.getString("field").equals(field) && error.getString("message").contains(reason)),
      "expected " + field + " / " + reason + " in " + errors.encode());
  }

  @Test
  void severalViolationsAreAllReported() {
    JsonObject body = Integrations.named("");
    body.put("type", "aws");
    body.getJsonObject("config").remove("secretId");

    JsonArray errors = ENV.gateway().post(PATH, token, body).bodyAsJsonObject().getJsonArray("errors");

    assertEquals(3, errors.size(), errors.encode());
  }

  @Test
  void malformedJsonIsA400() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\": \"x\",")).await();

    assertEquals(400, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals("MALFORMED_JSON", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void aMissingBodyIsA400() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json").send().await();

    assertEquals(400, response.statusCode());
    assertEquals("body", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aJsonArrayIsA400() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("[]")).await();

    assertEquals(400, response.statusCode());
    assertEquals("VALIDATION_FAILED", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void aBodyThatIsNotJsonIsA415() {
    for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
      HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
        .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer("name=prod-vault")).await();

      assertEquals(415, response.statusCode(), contentType);
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      assertEquals("UNSUPPORTED_MEDIA_TYPE", response.bodyAsJsonObject().getString("code"));
    }
  }

  @Test
  void jsonWithACharsetIsAccepted() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/json; charset=utf-8")
      .sendBuffer(Integrations.named("charset-name").toBuffer()).await();

    assertEquals(201, response.statusCode(), response.bodyAsString());
  }

  @Test
  void aBodyOver64KiBIsA413() {
    JsonObject body = Integrations.named("big");
    body.put("padding", "x".repeat(64 * 1024));

    HttpResponse<Buffer> response = ENV.gateway().post(PATH, token, body);

    assertEquals(413, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals("PAYLOAD_TOO_LARGE", response.bodyAsJsonObject().getString("code"));
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("65536"));
  }

  @Test
  void rejectedRequestsStoreNothing() throws Exception {
    JsonObject body = Integrations.named("never-stored");
    body.getJsonObject("config").put("address", "ftp://vault.example.com");
    assertEquals(400, ENV.gateway().post(PATH, token, body).statusCode());

    assertEquals(0, ENV.database().queryInt("SELECT count(*) FROM vault_integrations WHERE name = ?",
      "never-stored"));
  }
}
