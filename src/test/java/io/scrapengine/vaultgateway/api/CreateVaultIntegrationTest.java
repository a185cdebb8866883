package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class CreateVaultIntegrationTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static final String PATH = "/api/v1/vault-integrations";
  private static final Pattern UTC_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");




  @Test
  void theApiPageExampleIsCreatedWithExactlyThePublishedFields() {
    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<Buffer> response = ENV.gateway().post(PATH, ENV.gateway().token("tenant-example", TestGateway.WRITE),
      Integrations.example());

    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    JsonObject body = response.bodyAsJsonObject();
    // the API page's fields, plus the connection settings and last test result added since (all defaulted)
    assertEquals(Set.of("id", "name", "type", "address", "namespace", "authMethod", "roleId", "createdAt",
      "updatedAt", "authMount", "caCertificate", "tlsServerName", "lastTest"), body.fieldNames());
    assertEquals("approle", body.getString("authMount"));
    assertNull(body.getValue("caCertificate"));
    assertNull(body.getValue("tlsServerName"));
    assertNull(body.getValue("lastTest"));
    UUID id = UUID.fromString(body.getString("id"));
    assertEquals(7, id.version(), "ids are time-ordered UUIDv7");
    assertEquals("prod-vault", body.getString("name"));
    assertEquals("hashicorp", body.getString("type"));
    assertEquals("https://vault.prod.example.com:8200", body.getString("address"));
    assertEquals("admin/scrapengine", body.getString("namespace"));
    assertEquals("approle", body.getString("authMethod"));
    assertEquals("8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11", body.getString("roleId"));
    assertTrue(UTC_TIMESTAMP.matcher(body.getString("createdAt")).matches(), body.getString("createdAt"));
    assertEquals(body.getString("createdAt"), body.getString("updatedAt"));
    assertTrue(Instant.parse(body.getString("createdAt")).isAfter(before));
    assertEquals(PATH + "/" + id, response.getHeader("Location"));
  }

  @Test
  void namespaceIsNullWhenOmittedOrNull() {
    String token = ENV.gateway().token("tenant-namespace", TestGateway.WRITE);
    JsonObject omitted = Integrations.named("no-namespace");
    omitted.getJsonObject("config").remove("namespace");
    JsonObject explicitNull = Integrations.named("null-namespace");
    explicitNull.getJsonObject("config").putNull("namespace");

    for (JsonObject body : List.of(omitted, explicitNull)) {
      HttpResponse<Buffer> response = ENV.gateway().post(PATH, token, body);
      assertEquals(201, response.statusCode(), response.bodyAsString());
      JsonObject created = response.bodyAsJsonObject();
      assertTrue(created.containsKey("namespace"));
      assertNull(created.getValue("namespace"));
    }
  }

  @Test
  void aSecondIntegrationWithTheSameNameInTheSameTenantIsAConflict() {
    String token = ENV.gateway().token("tenant-conflict", TestGateway.WRITE);
    assertEquals(201, ENV.gateway().post(PATH, token, Integrations.named("shared-name")).statusCode());

    HttpResponse<Buffer> again = ENV.gateway().post(PATH, token, Integrations.named("shared-name"));

    assertEquals(409, again.statusCode());
    assertEquals("application/problem+json", again.getHeader("Content-Type"));
    JsonObject problem = again.bodyAsJsonObject();
    assertEquals("CONFLICT", problem.getString("code"));
    assertEquals(409, problem.getInteger("status"));
    assertTrue(problem.getString("detail").contains("shared-name"));
  }

  @Test
  void namesAreUniquePerTenantOnly() {
    assertEquals(201, ENV.gateway().post(PATH, ENV.gateway().token("tenant-a", TestGateway.WRITE),
      Integrations.named("same-everywhere")).statusCode());
    assertEquals(201, ENV.gateway().post(PATH, ENV.gateway().token("tenant-b", TestGateway.WRITE),
      Integrations.named("same-everywhere")).statusCode());
  }

  @Test
  void concurrentCreatesWithOneNameYieldExactlyOneCreated(Vertx vertx) throws Exception {
    String token = ENV.gateway().token("tenant-race", TestGateway.WRITE);
    List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      racing.add(ENV.gateway().request(io.vertx.core.http.HttpMethod.POST, PATH)
        .bearerTokenAuthentication(token)
        .sendJsonObject(Integrations.named("raced-name")));
    }
    Future.all(racing).await();

    long created = racing.stream().filter(f -> f.result().statusCode() == 201).count();
    long conflicts = racing.stream().filter(f -> f.result().statusCode() == 409).count();
    assertEquals(1, created);
    assertEquals(15, conflicts);
    assertEquals(1, ENV.database().queryInt("SELECT count(*) FROM vault_integrations WHERE tenant_id = ?",
      "tenant-race"));
  }

  @Test
  void boundaryValuesAreAccepted() {
    String token = ENV.gateway().token("tenant-boundaries", TestGateway.WRITE);
    JsonObject longest = Integrations.named("n".repeat(100));
    String address = "https://vault.example.com:8200/" + "p".repeat(2048 - "https://vault.example.com:8200/".length());
    longest.getJsonObject("config")
      .put("address", address)
      .put("namespace", "n".repeat(255))
      .put("roleId", "r".repeat(255))
      .put("secretId", "s".repeat(1024));

    HttpResponse<Buffer> response = ENV.gateway().post(PATH, token, longest);

    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertEquals(address, response.bodyAsJsonObject().getString("address"));
  }

  @Test
  void addressesWithAPathPrefixPlainHttpOrAnIpAreAccepted() {
    String token = ENV.gateway().token("tenant-addresses", TestGateway.WRITE);
    List<String> addresses = List.of("https://proxy.example.com/vault", "http://vault.internal.example:8200",
      "https://203.0.113.10:8200", "https://[2001:db8::1]:8200/", "HTTPS://Vault.Example.com");
    for (int i = 0; i < addresses.size(); i++) {
      JsonObject body = Integrations.named("address-" + i);
      body.getJsonObject("config").put("address", addresses.get(i));
      HttpResponse<Buffer> response = ENV.gateway().post(PATH, token, body);
      assertEquals(201, response.statusCode(), addresses.get(i) + ": " + response.bodyAsString());
    }
  }
}
