package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.SecretCipher;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Get, update (with secretId rotation) and delete, always inside the caller's tenant. */
@ExtendWith(VertxExtension.class)
class IntegrationLifecycleTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String writer;
  private static String reader;
  private static String otherTenant;

  @BeforeAll
  static void start(Vertx vertx) {
    writer = ENV.gateway().token("tenant-a", TestGateway.WRITE);
    reader = ENV.gateway().token("tenant-a", TestGateway.READ);
    otherTenant = ENV.gateway().token("tenant-b", TestGateway.WRITE);
  }


  private static JsonObject created() {
    return ENV.gateway().create(writer, Integrations.named("lifecycle-" + NAMES.incrementAndGet()));
  }

  private static String path(JsonObject integration) {
    return INTEGRATIONS + "/" + integration.getString("id");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(code, response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void getReturnsTheCreatedIntegrationWithAnETag() {
    JsonObject integration = created();

    HttpResponse<Buffer> response = ENV.gateway().get(path(integration), reader);

    assertEquals(200, response.statusCode());
    assertEquals(integration, response.bodyAsJsonObject());
    assertEquals("\"1\"", response.getHeader("ETag"));
  }

  @Test
  void createAnswersWithTheSameETag() {
    HttpResponse<Buffer> response = ENV.gateway().post(INTEGRATIONS, writer, Integrations.named("etag-on-create"));
    assertEquals("\"1\"", response.getHeader("ETag"));
  }

  @Test
  void writeImpliesReadButReadDoesNotImplyWrite() {
    JsonObject integration = created();
    assertEquals(200, ENV.gateway().get(path(integration), writer).statusCode());
    assertProblem(ENV.gateway().post(INTEGRATIONS, reader, Integrations.named("reader-create")), 403, "FORBIDDEN");
    assertProblem(ENV.gateway().patch(path(integration), reader, null, new JsonObject().put("name", "x")), 403,
      "FORBIDDEN");
    assertProblem(ENV.gateway().delete(path(integration), reader, null), 403, "FORBIDDEN");
    assertProblem(ENV.gateway().get(path(integration), ENV.gateway().token("tenant-a", "credentials:read")), 403, "FORBIDDEN");
  }

  @Test
  void anUnknownIdAndAnotherTenantsIdAnswerTheSame404() {
    JsonObject integration = created();

    HttpResponse<Buffer> unknown = ENV.gateway().get(INTEGRATIONS + "/" + UUID.randomUUID(), otherTenant);
    HttpResponse<Buffer> foreign = ENV.gateway().get(path(integration), otherTenant);

    assertProblem(unknown, 404, "NOT_FOUND");
    assertProblem(foreign, 404, "NOT_FOUND");
    assertEquals(unknown.bodyAsString(), foreign.bodyAsString(), "no existence oracle");
  }

  @Test
  void aNonUuidIdIsA400NamingTheParameter() {
    HttpResponse<Buffer> response = ENV.gateway().get(INTEGRATIONS + "/not-a-uuid", reader);

    assertProblem(response, 400, "VALIDATION_FAILED");
    assertEquals("id", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void anotherTenantCanNeitherPatchNorDelete() {
    JsonObject integration = created();

    assertProblem(ENV.gateway().patch(path(integration), otherTenant, null, new JsonObject().put("name", "stolen")), 404,
      "NOT_FOUND");
    assertProblem(ENV.gateway().patch(path(integration), otherTenant, "\"1\"", new JsonObject().put("name", "stolen")),
      404, "NOT_FOUND");
    assertProblem(ENV.gateway().delete(path(integration), otherTenant, null), 404, "NOT_FOUND");
    assertProblem(ENV.gateway().delete(path(integration), otherTenant, "\"1\""), 404, "NOT_FOUND");
    assertEquals(integration, ENV.gateway().get(path(integration), reader).bodyAsJsonObject());
  }

  @Test
  void aPatchChangesOnlyWhatItNamesAndAdvancesUpdatedAt() {
    JsonObject integration = created();
    JsonObject patch = new JsonObject().put("name", integration.getString("name") + "-renamed")
      .put("config", new JsonObject().put("address", "https://vault-2.example.com:8200").put("roleId", "role-2"));

    HttpResponse<Buffer> response = ENV.gateway().patch(path(integration), writer, null, patch);

    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject changed = response.bodyAsJsonObject();
    assertEquals("\"2\"", response.getHeader("ETag"));
    assertEquals(integration.getString("name") + "-renamed", changed.getString("name"));
    assertEquals("https://vault-2.example.com:8200", changed.getString("address"));
    assertEquals("role-2", changed.getString("roleId"));
    assertEquals(integration.getString("namespace"), changed.getString("namespace"));
    assertEquals(integration.getString("createdAt"), changed.getString("createdAt"));
    assertTrue(Instant.parse(changed.getString("updatedAt")).isAfter(Instant.parse(integration.getString("updatedAt"))));
    assertEquals(changed, ENV.gateway().get(path(integration), reader).bodyAsJsonObject());
  }

  @Test
  void updatedAtAdvancesOnEveryChangeEvenWithinOneMillisecond() {
    JsonObject integration = created();
    Instant previous = Instant.parse(integration.getString("updatedAt"));
    for (int i = 0; i < 5; i++) {
      JsonObject changed = ENV.gateway().patch(path(integration), writer, null,
        new JsonObject().put("config", new JsonObject().put("roleId", "role-" + i))).bodyAsJsonObject();
      Instant updatedAt = Instant.parse(changed.getString("updatedAt"));
      assertTrue(updatedAt.isAfter(previous), updatedAt + " after " + previous);
      previous = updatedAt;
    }
  }

  @Test
  void nullClearsTheNamespace() {
    JsonObject integration = created();

    JsonObject changed = ENV.gateway().patch(path(integration), writer, null,
      new JsonObject().put("config", new JsonObject().putNull("namespace"))).bodyAsJsonObject();

    assertNull(changed.getValue("namespace"));
    assertTrue(changed.containsKey("namespace"));
  }

  @Test
  void plainJsonIsAcceptedAsAPatchToo() {
    JsonObject integration = created();
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.PATCH, path(integration))
      .bearerTokenAuthentication(writer).putHeader("Content-Type", "application/json")
      .sendBuffer(new JsonObject().put("config", new JsonObject().put("roleId", "json-role")).toBuffer()).await();

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("json-role", response.bodyAsJsonObject().getString("roleId"));
  }

  @Test
  void otherMediaTypesAre415() {
    JsonObject integration = created();
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.PATCH, path(integration))
      .bearerTokenAuthentication(writer).putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer("name=x")).await();
    assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void anEmptyPatchChangesNothing() {
    JsonObject integration = created();

    HttpResponse<Buffer> response = ENV.gateway().patch(path(integration), writer, "\"1\"",
      new JsonObject().put("type", "hashicorp").put("config", new JsonObject().put("authMethod", "approle")));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(integration, response.bodyAsJsonObject());
    assertEquals("\"1\"", response.getHeader("ETag"));
  }

  @Test
  void patchFollowsTheCreateRules() {
    JsonObject integration = created();
    String path = path(integration);
    Object[][] cases = {
      {new JsonObject().put("id", UUID.randomUUID().toString()), "id"},
      {new JsonObject().put("createdAt", "2026-01-01T00:00:00Z"), "createdAt"},
      {new JsonObject().put("updatedAt", "2026-01-01T00:00:00Z"), "updatedAt"},
      {new JsonObject().put("type", "aws"), "type"},
      {new JsonObject().put("config", new JsonObject().put("authMethod", "token")), "config.authMethod"},
      {new JsonObject().put("name", ""), "name"},
      {new JsonObject().putNull("name"), "name"},
      {new JsonObject().put("name", "n".repeat(101)), "name"},
      {new JsonObject().put("name", "tab\there"), "name"},
      {new JsonObject().put("config", new JsonObject().put("address", "ftp://x.example.com")), "config.address"},
      {new JsonObject().put("config", new JsonObject().put("address", "https://u:p@x.example.com")),
        "config.address"},
      {new JsonObject().put("config", new JsonObject().putNull("address")), "config.address"},
      {new JsonObject().put("config", new JsonObject().put("namespace", "a b")), "config.namespace"},
      {new JsonObject().put("config", new JsonObject().put("roleId", "")), "config.roleId"},
      {new JsonObject().put("config", new JsonObject().put("secretId", "")), "config.secretId"},
      {new JsonObject().put("config", new JsonObject().put("secretId", "s".repeat(1025))), "config.secretId"},
      {new JsonObject().put("config", new JsonObject().put("secret_id", "x")), "config.secret_id"},
      {new JsonObject().putNull("config"), "config"},
      {new JsonObject().put("surprise", true), "surprise"}};
    for (Object[] testCase : cases) {
      HttpResponse<Buffer> response = ENV.gateway().patch(path, writer, null, (JsonObject) testCase[0]);
      assertProblem(response, 400, "VALIDATION_FAILED");
      String field = (String) testCase[1];
      assertTrue(response.bodyAsJsonObject().getJsonArray("errors").stream()
          .map(JsonObject.class::cast).anyMatch(error -> error.getString("field").equals(field)),
        testCase[0] + " -> " + response.bodyAsString());
    }
    assertEquals(integration, ENV.gateway().get(path, reader).bodyAsJsonObject(), "nothing changed");
  }

  @Test
  void aRenameOntoAnExistingNameIsAConflict() {
    JsonObject first = created();
    JsonObject second = created();

    HttpResponse<Buffer> response = ENV.gateway().patch(path(second), writer, null,
      new JsonObject().put("name", first.getString("name")));

    assertProblem(response, 409, "CONFLICT");
  }

  @Test
  void ifMatchGuardsAgainstLostUpdates() {
    JsonObject integration = created();
    JsonObject rename = new JsonObject().put("name", integration.getString("name") + "-v2");

    assertEquals(200, ENV.gateway().patch(path(integration), writer, "\"1\"", rename).statusCode());
    assertProblem(ENV.gateway().patch(path(integration), writer, "\"1\"", new JsonObject().put("name", "late")), 412,
      "PRECONDITION_FAILED");
    assertProblem(ENV.gateway().patch(path(integration), writer, "W/\"2\"", new JsonObject().put("name", "weak")), 412,
      "PRECONDITION_FAILED");
    assertEquals(200, ENV.gateway().patch(path(integration), writer, "\"7\", \"2\"",
      new JsonObject().put("name", integration.getString("name") + "-v3")).statusCode());
    assertEquals(200, ENV.gateway().patch(path(integration), writer, "*",
      new JsonObject().put("name", integration.getString("name") + "-v4")).statusCode());
    assertEquals(200, ENV.gateway().patch(path(integration), writer, null,
      new JsonObject().put("name", integration.getString("name") + "-v5")).statusCode(), "last write wins");
    assertEquals("\"5\"", ENV.gateway().get(path(integration), reader).getHeader("ETag"));
  }

  @Test
  void aNewSecretIdIsARotation() throws Exception {
    JsonObject integration = ENV.gateway().create(writer, Integrations.withSecret("rotate-" + NAMES.incrementAndGet(),
      "s.old-secret"));
    UUID id = UUID.fromString(integration.getString("id"));
    byte[] before = ciphertext(id);

    HttpResponse<Buffer> response = ENV.gateway().patch(path(integration), writer, null,
      new JsonObject().put("config", new JsonObject().put("secretId", "s.new-secret")));

    assertEquals(200, response.statusCode());
    assertTrue(!response.bodyAsString().contains("s.new-secret"));
    byte[] after = ciphertext(id);
    assertNotEquals(new String(before), new String(after));
    SecretCipher cipher = TestKeys.cipher(ENV.vertx(), ENV.gateway(), ENV.database());
    EncryptionContext context = EncryptionContext.integrationSecretId("tenant-a", id);
    assertEquals("s.new-secret", cipher.decrypt(context, after).reveal());
    assertNotEquals("s.old-secret", cipher.decrypt(context, after).reveal());
    assertEquals(1, countRowsWithCiphertext(before) + countRowsWithCiphertext(after), "the old ciphertext is gone");
    assertThrows(GeneralSecurityException.class,
      () -> cipher.decrypt(EncryptionContext.integrationSecretId("tenant-b", id), after));
  }

  @Test
  void deleteRemovesTheIntegrationOnce() {
    JsonObject integration = created();

    assertEquals(204, ENV.gateway().delete(path(integration), writer, null).statusCode());
    assertProblem(ENV.gateway().get(path(integration), reader), 404, "NOT_FOUND");
    assertProblem(ENV.gateway().delete(path(integration), writer, null), 404, "NOT_FOUND");
    assertProblem(ENV.gateway().patch(path(integration), writer, null, new JsonObject().put("name", "ghost")), 404,
      "NOT_FOUND");
  }

  @Test
  void deleteHonoursIfMatch() {
    JsonObject integration = created();
    ENV.gateway().patch(path(integration), writer, null, new JsonObject().put("config",
      new JsonObject().put("roleId", "bumped")));

    assertProblem(ENV.gateway().delete(path(integration), writer, "\"1\""), 412, "PRECONDITION_FAILED");
    assertEquals(204, ENV.gateway().delete(path(integration), writer, "\"2\"").statusCode());
    assertProblem(ENV.gateway().delete(path(integration), writer, "\"2\""), 404, "NOT_FOUND");
  }

  @Test
  void aDeletedNameCanBeRegisteredAgain() {
    JsonObject integration = created();
    assertEquals(204, ENV.gateway().delete(path(integration), writer, null).statusCode());

    JsonObject again = ENV.gateway().create(writer, Integrations.named(integration.getString("name")));

    assertNotEquals(integration.getString("id"), again.getString("id"));
  }

  private static byte[] ciphertext(UUID id) {
    return ENV.database().queryBytes("SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?", id);
  }

  private static int countRowsWithCiphertext(byte[] ciphertext) {
    return ENV.database().queryInt("SELECT count(*) FROM vault_integrations WHERE secret_id_ciphertext = ?",
      (Object) ciphertext);
  }
}
