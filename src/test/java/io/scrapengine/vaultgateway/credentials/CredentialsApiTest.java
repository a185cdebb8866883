package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.scrapengine.vaultgateway.support.Credentials.PATH;
import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The credentials resource: the same conventions as integrations, and its ties to them. */
class CredentialsApiTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static TestGateway gateway;
  private static String writer;
  private static String integrationId;

  @BeforeAll
  static void integration() {
    gateway = ENV.gateway();
    writer = gateway.token("tenant-cred", Credentials.WRITE + " " + TestGateway.WRITE);
    integrationId = gateway.create(writer, Integrations.named("cred-vault")).getString("id");
  }

  private static String name() {
    return "cred-" + NAMES.incrementAndGet();
  }

  @Test
  void aCredentialIsCreatedWithTheDefaultMappingAndReadBack() {
    HttpResponse<Buffer> created = gateway.post(PATH, writer, Credentials.body(name(), integrationId,
      "secret/sites/acme"));

    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject body = created.bodyAsJsonObject();
    assertEquals(PATH + "/" + body.getString("id"), created.getHeader("Location"));
    assertEquals("\"1\"", created.getHeader("ETag"));
    assertEquals(new JsonObject().put("username", "username").put("password", "password"), body.getJsonObject("fields"));
    assertEquals("secret/sites/acme", body.getString("path"));
    assertNull(body.getValue("kvVersion"));
    assertNull(body.getValue("secretVersion"));
    assertTrue(body.getString("createdAt").endsWith("Z"));
    assertEquals(7, UUID.fromString(body.getString("id")).version(), "time-ordered ids");

    HttpResponse<Buffer> read = gateway.get(PATH + "/" + body.getString("id"), writer);
    assertEquals(200, read.statusCode());
    assertEquals(body, read.bodyAsJsonObject());
    assertEquals("\"1\"", read.getHeader("ETag"));
  }

  @Test
  void aKvV2ApiPathIsStoredInItsLogicalFormAndAMappingKeepsItsOrder() {
    JsonObject fields = new JsonObject().put("user", "login").put("pass", "pw").put("otp", "totp-seed");
    JsonObject body = Credentials.create(gateway, writer, Credentials.body(name(), integrationId,
      "secret/data/sites/acme").put("fields", fields).put("kvVersion", 2).put("secretVersion", 3));
    assertEquals("secret/sites/acme", body.getString("path"));
    assertEquals(List.of("user", "pass", "otp"), List.copyOf(body.getJsonObject("fields").fieldNames()));
    assertEquals(2, body.getInteger("kvVersion"));
    assertEquals(3, body.getInteger("secretVersion"));
  }

  @Test
  void anIntegrationOfAnotherTenantOrNoneIsA422NamingIt() {
    String stranger = gateway.token("tenant-cred-other", Credentials.WRITE);
    for (String token : List.of(stranger, writer)) {
      String target = token.equals(stranger) ? integrationId : UUID.randomUUID().toString();
      HttpResponse<Buffer> response = gateway.post(PATH, token, Credentials.body(name(), target, "secret/x/y"));
      assertEquals(422, response.statusCode(), response.bodyAsString());
      JsonObject problem = response.bodyAsJsonObject();
      assertEquals("REFERENCE_NOT_FOUND", problem.getString("code"));
      assertEquals("integrationId", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
    }
  }

  @Test
  void badInputIsA400NamingEachField() {
    JsonObject body = Credentials.body("", "not-a-uuid", "/secret").put("fields", new JsonObject())
      .put("kvVersion", 3).put("secretVersion", 0).put("secret_id", "x");
    HttpResponse<Buffer> response = gateway.post(PATH, writer, body);
    assertEquals(400, response.statusCode(), response.bodyAsString());
    Set<String> fields = fields(response);
    assertTrue(fields.containsAll(Set.of("name", "integrationId", "fields", "kvVersion", "secretVersion",
      "secret_id")), fields.toString());

    HttpResponse<Buffer> badPath = gateway.post(PATH, writer, Credentials.body(name(), integrationId, "secret/../x"));
    assertEquals(400, badPath.statusCode());
    assertEquals(Set.of("path"), fields(badPath));
    HttpResponse<Buffer> mountOnly = gateway.post(PATH, writer, Credentials.body(name(), integrationId, "secret/"));
    assertEquals(Set.of("path"), fields(mountOnly));
    HttpResponse<Buffer> badName = gateway.post(PATH, writer, Credentials.body(name(), integrationId, "secret/x")
      .put("fields", new JsonObject().put("user name", "u")));
    assertEquals(400, badName.statusCode());
    HttpResponse<Buffer> versionOnV1 = gateway.post(PATH, writer, Credentials.body(name(), integrationId,
      "kv/x").put("kvVersion", 1).put("secretVersion", 2));
    assertEquals(Set.of("secretVersion"), fields(versionOnV1));
  }

  @Test
  void namesAreUniquePerTenant() {
    String shared = name();
    Credentials.create(gateway, writer, Credentials.body(shared, integrationId, "secret/a/b"));
    HttpResponse<Buffer> again = gateway.post(PATH, writer, Credentials.body(shared, integrationId, "secret/a/c"));
    assertEquals(409, again.statusCode());
    assertTrue(again.bodyAsJsonObject().getString("detail").contains(shared));
  }

  @Test
  void listingPagesNewestFirstAndFiltersByIntegration() {
    String tenantToken = gateway.token("tenant-cred-list", Credentials.WRITE + " " + TestGateway.WRITE);
    String first = gateway.create(tenantToken, Integrations.named("list-a")).getString("id");
    String second = gateway.create(tenantToken, Integrations.named("list-b")).getString("id");
    for (int i = 0; i < 5; i++) {
      Credentials.create(gateway, tenantToken, Credentials.body("a-" + i, first, "secret/a/" + i));
    }
    Credentials.create(gateway, tenantToken, Credentials.body("b-0", second, "secret/b/0"));

    List<String> names = new java.util.ArrayList<>();
    String cursor = null;
    do {
      String query = "?limit=2&integrationId=" + first + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = gateway.get(PATH + query, tenantToken).bodyAsJsonObject();
      page.getJsonArray("data").forEach(item -> names.add(((JsonObject) item).getString("name")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(List.of("a-4", "a-3", "a-2", "a-1", "a-0"), names);

    JsonArray all = gateway.get(PATH, tenantToken).bodyAsJsonObject().getJsonArray("data");
    assertEquals(6, all.size());
    assertEquals("b-0", all.getJsonObject(0).getString("name"));

    JsonObject firstPage = gateway.get(PATH + "?limit=1&integrationId=" + first, tenantToken).bodyAsJsonObject();
    HttpResponse<Buffer> foreign = gateway.get(PATH + "?limit=1&integrationId=" + second + "&cursor="
      + firstPage.getString("nextCursor"), tenantToken);
    assertEquals(400, foreign.statusCode(), "a cursor belongs to its filter");
  }

  @Test
  void aMergePatchHonoursIfMatchAndClearsPins() {
    JsonObject credential = Credentials.create(gateway, writer, Credentials.body(name(), integrationId,
      "secret/p/q").put("kvVersion", 2).put("secretVersion", 1));
    String at = PATH + "/" + credential.getString("id");

    HttpResponse<Buffer> stale = gateway.patch(at, writer, "\"7\"", new JsonObject().put("path", "secret/p/r"));
    assertEquals(412, stale.statusCode());

    HttpResponse<Buffer> patched = gateway.patch(at, writer, "\"1\"", new JsonObject()
      .put("path", "secret/data/p/r").putNull("secretVersion").put("fields", new JsonObject().put("token", "t")));
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    JsonObject body = patched.bodyAsJsonObject();
    assertEquals("secret/p/r", body.getString("path"));
    assertNull(body.getValue("secretVersion"));
    assertEquals(2, body.getInteger("kvVersion"));
    assertEquals(new JsonObject().put("token", "t"), body.getJsonObject("fields"));
    assertEquals("\"2\"", patched.getHeader("ETag"));

    HttpResponse<Buffer> foreign = gateway.patch(at, writer, null, new JsonObject()
      .put("integrationId", UUID.randomUUID().toString()));
    assertEquals(422, foreign.statusCode(), foreign.bodyAsString());
    assertEquals("REFERENCE_NOT_FOUND", foreign.bodyAsJsonObject().getString("code"));
  }

  @Test
  void anotherTenantsCredentialIsNotFoundAndScopesAreEnforced() {
    JsonObject credential = Credentials.create(gateway, writer, Credentials.body(name(), integrationId,
      "secret/s/t"));
    String at = PATH + "/" + credential.getString("id");
    String stranger = gateway.token("tenant-cred-stranger", Credentials.WRITE);
    assertEquals(404, gateway.get(at, stranger).statusCode());
    assertEquals(404, gateway.delete(at, stranger, null).statusCode());
    assertEquals(404, gateway.patch(at, stranger, null, new JsonObject().put("path", "secret/x/y")).statusCode());

    String reader = gateway.token("tenant-cred", Credentials.READ);
    assertEquals(200, gateway.get(at, reader).statusCode());
    assertEquals(403, gateway.delete(at, reader, null).statusCode());
    assertEquals(403, gateway.post(PATH, reader, Credentials.body(name(), integrationId, "secret/a/b"))
      .statusCode());
    String integrationsOnly = gateway.token("tenant-cred", TestGateway.WRITE);
    assertEquals(403, gateway.get(at, integrationsOnly).statusCode());
  }

  @Test
  void anIntegrationInUseIsNotDeletedAndTheAnswerSaysHowMany() {
    String tenantToken = gateway.token("tenant-cred-inuse", Credentials.WRITE + " " + TestGateway.WRITE);
    String used = gateway.create(tenantToken, Integrations.named("in-use")).getString("id");
    JsonObject one = Credentials.create(gateway, tenantToken, Credentials.body("one", used, "secret/a/1"));
    Credentials.create(gateway, tenantToken, Credentials.body("two", used, "secret/a/2"));

    HttpResponse<Buffer> refused = gateway.delete(INTEGRATIONS + "/" + used, tenantToken, null);
    assertEquals(409, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsJsonObject().getString("detail").contains("2 credentials"),
      refused.bodyAsJsonObject().getString("detail"));
    assertEquals(200, gateway.get(INTEGRATIONS + "/" + used, tenantToken).statusCode(), "nothing was deleted");

    HttpResponse<Buffer> staleAndUsed = gateway.delete(INTEGRATIONS + "/" + used, tenantToken, "\"9\"");
    assertEquals(412, staleAndUsed.statusCode(), "a stale ETag is told first");

    assertEquals(204, gateway.delete(PATH + "/" + one.getString("id"), tenantToken, "\"1\"").statusCode());
    assertTrue(gateway.delete(INTEGRATIONS + "/" + used, tenantToken, null).bodyAsJsonObject().getString("detail")
      .contains("1 credential;"));
    gateway.get(PATH + "?integrationId=" + used, tenantToken).bodyAsJsonObject().getJsonArray("data")
      .forEach(item -> gateway.delete(PATH + "/" + ((JsonObject) item).getString("id"), tenantToken, null));
    assertEquals(204, gateway.delete(INTEGRATIONS + "/" + used, tenantToken, null).statusCode());
    assertEquals(404, gateway.get(PATH + "/" + one.getString("id"), tenantToken).statusCode());
  }

  @Test
  void anIdempotencyKeyReplaysTheCredentialItCreated() {
    JsonObject body = Credentials.body(name(), integrationId, "secret/i/k");
    HttpResponse<Buffer> first = gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(writer)
      .putHeader("Idempotency-Key", "cred-key-1").sendJsonObject(body).await();
    HttpResponse<Buffer> again = gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(writer)
      .putHeader("Idempotency-Key", "cred-key-1").sendJsonObject(body).await();
    HttpResponse<Buffer> different = gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(writer)
      .putHeader("Idempotency-Key", "cred-key-1").sendJsonObject(body.copy().put("path", "secret/i/other")).await();

    assertEquals(201, first.statusCode(), first.bodyAsString());
    assertEquals(201, again.statusCode(), again.bodyAsString());
    assertEquals("true", again.getHeader("Idempotent-Replayed"));
    assertEquals(first.bodyAsJsonObject(), again.bodyAsJsonObject());
    assertEquals(first.getHeader("Location"), again.getHeader("Location"));
    assertEquals(422, different.statusCode());
    assertEquals(1, ENV.database().queryInt("SELECT count(*) FROM credentials WHERE name = ?", body.getString("name")));

    HttpResponse<Buffer> missing = gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(writer)
      .putHeader("Idempotency-Key", "cred-key-2").sendJsonObject(Credentials.body(name(),
        UUID.randomUUID().toString(), "secret/i/k")).await();
    assertEquals(422, missing.statusCode());
    assertEquals(0, ENV.database().queryInt("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?",
      "cred-key-2"), "a failed create releases its key");
  }

  private static Set<String> fields(HttpResponse<Buffer> response) {
    Set<String> fields = new HashSet<>();
    JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
    for (int i = 0; errors != null && i < errors.size(); i++) {
      fields.add(errors.getJsonObject(i).getString("field"));
    }
    assertFalse(fields.isEmpty(), response.bodyAsString());
    return fields;
  }
}
