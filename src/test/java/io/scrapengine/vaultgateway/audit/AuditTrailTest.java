package io.scrapengine.vaultgateway.audit;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every action leaves an audit event, with its outcome and never a secret; the trail is listed and filtered. */
class AuditTrailTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.reachingLoopbackVaults();

  private static final String TENANT = "tenant-audit";
  private static VaultEmulator vault;
  private static TestGateway gateway;
  private static String admin;
  private static String auditor;
  private static String secretId;
  private static String rotated;
  private static String integrationId;
  private static String credentialId;
  private static Instant started;

  @BeforeAll
  static void actions() {
    started = Instant.now();
    secretId = "s.audit-" + UUID.randomUUID();
    rotated = "s.audit-rotated-" + UUID.randomUUID();
    vault = VaultEmulator.start(ENV.vertx());
    vault.approle("approle", r -> r.roleId("role-audit").secretId(secretId).secretId(rotated).policies("sites"))
      .policy("sites", "secret/data/sites/*", "read")
      .kv2("secret").put("sites/acme", Map.of("username", "audited-user", "password", "audited-password"));
    gateway = ENV.gateway();
    admin = gateway.token(TENANT, Credentials.WRITE + " " + TestGateway.WRITE);
    auditor = gateway.token(TENANT, Credentials.AUDIT);
    String runner = gateway.token(TENANT, Credentials.RESOLVE);

    JsonObject body = Integrations.atVault("audited", vault.url(), "role-audit", secretId);
    integrationId = gateway.create(admin, body).getString("id");
    assertEquals(409, gateway.post(INTEGRATIONS, admin, body).statusCode());
    String at = INTEGRATIONS + "/" + integrationId;
    assertEquals(200, gateway.patch(at, admin, null, new JsonObject().put("name", "audited-2")).statusCode());
    assertEquals(200, gateway.patch(at, admin, null,
      new JsonObject().put("config", new JsonObject().put("secretId", rotated))).statusCode());
    assertEquals(200, gateway.request(HttpMethod.POST, at + "/test").bearerTokenAuthentication(admin).send().await()
      .statusCode());
    credentialId = Credentials.create(gateway, admin, Credentials.body("audited", integrationId,
      "secret/sites/acme")).getString("id");
    assertEquals(200, gateway.patch(Credentials.PATH + "/" + credentialId, admin, null,
      new JsonObject().put("name", "audited-cred")).statusCode());
    assertEquals(200, Credentials.resolve(gateway, runner, credentialId).statusCode());
    assertEquals(200, Credentials.resolve(gateway, runner, credentialId).statusCode());
    String doomed = Credentials.create(gateway, admin, Credentials.body("doomed", integrationId, "secret/sites/x"))
      .getString("id");
    assertEquals(204, gateway.delete(Credentials.PATH + "/" + doomed, admin, null).statusCode());
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  private static JsonArray events(String query) {
    HttpResponse<Buffer> response = gateway.get("/api/v1/audit-events" + query, auditor);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("data");
  }

  private static List<String> actions(JsonArray events) {
    List<String> actions = new ArrayList<>();
    events.forEach(event -> actions.add(((JsonObject) event).getString("action") + ":"
      + ((JsonObject) event).getString("outcome")));
    return actions;
  }

  /** Writes are audited without holding their answers, so the trail may trail them by a moment. */
  private static JsonArray eventually(String query, int atLeast) throws InterruptedException {
    JsonArray events = events(query);
    for (int i = 0; i < 100 && events.size() < atLeast; i++) {
      Thread.sleep(50);
      events = events(query);
    }
    return events;
  }

  @Test
  void everyActionOnTheIntegrationIsThereNewestFirst() throws Exception {
    JsonArray events = eventually("?integrationId=" + integrationId + "&limit=200", 10);
    List<String> actions = actions(events);
    for (String expected : List.of("integration.create:OK", "integration.update:OK", "integration.test:OK",
      "session.login:OK", "credential.create:OK", "credential.resolve:OK")) {
      assertTrue(actions.contains(expected), expected + " in " + actions);
    }
    List<String> details = new ArrayList<>();
    events.forEach(event -> details.add(String.valueOf(((JsonObject) event).getValue("detail"))));
    assertTrue(details.contains("secretIdChanged=true") && details.contains("secretIdChanged=false"), details.toString());
    List<Instant> times = new ArrayList<>();
    events.forEach(event -> times.add(Instant.parse(((JsonObject) event).getString("occurredAt"))));
    for (int i = 1; i < times.size(); i++) {
      assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first");
    }
    JsonObject login = events.stream().map(JsonObject.class::cast)
      .filter(event -> event.getString("action").equals("session.login")).findFirst().orElseThrow();
    assertEquals("dev:" + TENANT, login.getString("actor"));
    assertTrue(login.getString("requestId") != null && !login.getString("requestId").isBlank());
  }

  @Test
  void failuresAndDeletesAreAuditedWithTheirCodes() throws Exception {
    List<String> all = actions(eventually("?limit=200", 12));
    assertTrue(all.contains("integration.create:CONFLICT"), all.toString());
    assertTrue(all.contains("credential.delete:OK"), all.toString());
    assertTrue(all.contains("credential.update:OK"), all.toString());
  }

  @Test
  void theTrailIsFilteredAndPagedWithCursorsBoundToTheFilters() {
    JsonArray resolves = events("?credentialId=" + credentialId + "&action=credential.resolve");
    assertEquals(2, resolves.size());
    resolves.forEach(event -> assertEquals("secret/sites/acme", ((JsonObject) event).getString("vaultPath")));

    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = gateway.get("/api/v1/audit-events?limit=2&integrationId=" + integrationId
        + (cursor == null ? "" : "&cursor=" + cursor), auditor).bodyAsJsonObject();
      page.getJsonArray("data").forEach(event -> ids.add(((JsonObject) event).getString("id")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(events("?limit=200&integrationId=" + integrationId).size(), ids.size());
    assertEquals(ids.size(), ids.stream().distinct().count());

    JsonObject first = gateway.get("/api/v1/audit-events?limit=1", auditor).bodyAsJsonObject();
    assertEquals(400, gateway.get("/api/v1/audit-events?limit=1&action=session.login&cursor="
      + first.getString("nextCursor"), auditor).statusCode());
    assertEquals(0, events("?since=" + Instant.now().plusSeconds(3600)).size());
    assertTrue(events("?since=" + started).size() > 0);
    assertEquals(400, gateway.get("/api/v1/audit-events?action=nope", auditor).statusCode());
  }

  @Test
  void theTrailNeedsItsScopeAndStaysInItsTenant() {
    assertEquals(403, gateway.get("/api/v1/audit-events", admin).statusCode());
    JsonArray stranger = gateway.get("/api/v1/audit-events", gateway.token("tenant-audit-other", Credentials.AUDIT))
      .bodyAsJsonObject().getJsonArray("data");
    assertEquals(0, stranger.size());
  }

  @Test
  void noEventHoldsASecret() {
    String rows = ENV.database().queryString("SELECT string_agg(t::text, '|') FROM audit_events t");
    for (String secret : List.of(secretId, rotated, "audited-password", "audited-user")) {
      assertFalse(rows.contains(secret), secret);
    }
    vault.tokens().forEach(token -> assertFalse(rows.contains(token.id())));
  }
}
