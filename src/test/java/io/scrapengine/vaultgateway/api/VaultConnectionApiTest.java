package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.LogCapture;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.EmulatedToken;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection test through the API, against the in-repo Vault emulator on loopback (allowed the way an
 * operator would allow a network: with the CIDR list).
 */
class VaultConnectionApiTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.reachingLoopbackVaults();

  private static final String ROLE_ID = "role-scrapengine";
  private static final String NAMESPACE = "admin/scrapengine";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static VaultEmulator vault;
  private static String secretId;
  private static String token;

  @BeforeAll
  static void startVault() {
    secretId = "s.emulated-" + UUID.randomUUID();
    vault = VaultEmulator.start(ENV.vertx());
    vault.namespace(NAMESPACE)
      .approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("scrapengine"))
      .policy("scrapengine", "secret/data/scrapengine/*", "read")
      .kv2("secret").put("scrapengine/site", Map.of("username", "bot", "password", "site-password"));
    token = ENV.gateway().token("tenant-vault", TestGateway.WRITE);
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @BeforeEach
  void active() {
    vault.mode(VaultEmulator.Mode.ACTIVE);
  }

  private static JsonObject body(String address) {
    JsonObject body = Integrations.withSecret("vault-" + NAMES.incrementAndGet(), secretId);
    body.getJsonObject("config").put("address", address).put("namespace", NAMESPACE).put("roleId", ROLE_ID);
    return body;
  }

  private static JsonObject created(JsonObject body) {
    return ENV.gateway().create(token, body);
  }

  private static HttpResponse<Buffer> test(JsonObject integration, JsonObject request) {
    var call = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/" + integration.getString("id") + "/test")
      .bearerTokenAuthentication(token);
    return request == null ? call.send().await() : call.sendJsonObject(request).await();
  }

  private static JsonObject passed(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    return response.bodyAsJsonObject();
  }

  private static void assertFailedWith(JsonObject result, String code) {
    assertFalse(result.getBoolean("ok"), result.encode());
    assertEquals(code, result.getJsonObject("error").getString("code"), result.encode());
    assertFalse(result.getJsonObject("error").getString("hint").isBlank());
  }

  @Test
  void aHealthyVaultPassesAndTheOutcomeIsKept() {
    JsonObject integration = created(body(vault.url()));
    vault.clearRequests();

    JsonObject result = passed(test(integration, new JsonObject().put("path", "secret/data/scrapengine/site")));

    assertTrue(result.getBoolean("ok"), result.encode());
    assertNull(result.getValue("error"));
    assertEquals(List.of(), result.getJsonArray("warnings").getList());
    assertEquals(VaultEmulator.VERSION, result.getJsonObject("vault").getString("version"));
    assertFalse(result.getJsonObject("vault").getBoolean("sealed"));
    assertTrue(result.getJsonObject("token").getJsonArray("policies").contains("scrapengine"));
    assertTrue(result.getLong("latencyMs") >= 0);
    Instant checkedAt = Instant.parse(result.getString("checkedAt"));

    List<RecordedRequest> logins = vault.requests("/v1/auth/approle/login");
    assertEquals(1, logins.size());
    assertEquals(NAMESPACE, logins.get(0).namespace(), "the namespace header on login");
    assertTrue(vault.requests().stream().allMatch(request -> request.path().equals("/v1/sys/health")
      ? request.namespace() == null : NAMESPACE.equals(request.namespace())), "and on every call but sys/health");
    assertTrue(vault.tokens().stream().allMatch(EmulatedToken::revoked), "the test's token was revoked");

    JsonObject lastTest = lastTestOf(integration);
    HttpResponse<Buffer> read = ENV.gateway().get(INTEGRATIONS + "/" + integration.getString("id"), token);
    assertTrue(lastTest.getBoolean("ok"));
    assertNull(lastTest.getValue("code"));
    assertEquals(checkedAt, Instant.parse(lastTest.getString("checkedAt")));
    assertEquals(integration.getString("updatedAt"), read.bodyAsJsonObject().getString("updatedAt"),
      "a test changes no setting");
    assertNotEquals("\"1\"", read.getHeader("ETag"), "but the representation changed");
    assertEquals(200, ENV.gateway().patch(INTEGRATIONS + "/" + integration.getString("id"), token, "\"1\"",
      new JsonObject().put("config", new JsonObject().put("roleId", ROLE_ID))).statusCode(),
      "an edit based on the settings' version still goes through");
  }

  @Test
  void aWrongSecretIdIsReportedAndKept() {
    JsonObject body = body(vault.url());
    body.getJsonObject("config").put("secretId", "s.wrong");
    JsonObject integration = created(body);

    JsonObject result = passed(test(integration, null));

    assertFailedWith(result, "AUTH_INVALID_CREDENTIALS");
    assertNull(result.getValue("token"));
    JsonObject lastTest = lastTestOf(integration);
    assertFalse(lastTest.getBoolean("ok"));
    assertEquals("AUTH_INVALID_CREDENTIALS", lastTest.getString("code"));
  }

  /** The answer does not wait for the outcome to be written (IntegrationService#test): read until it is there. */
  private static JsonObject lastTestOf(JsonObject integration) {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject lastTest;
    do {
      lastTest = ENV.gateway().get(INTEGRATIONS + "/" + integration.getString("id"), token)
        .bodyAsJsonObject().getJsonObject("lastTest");
    } while (lastTest == null && System.currentTimeMillis() < deadline);
    assertNotNull(lastTest, "the outcome was kept");
    return lastTest;
  }

  @Test
  void aMissingSecretAndAV1StylePathAreToldApart() {
    JsonObject integration = created(body(vault.url()));

    assertFailedWith(passed(test(integration, new JsonObject().put("path", "secret/data/scrapengine/nothing"))),
      "PATH_NOT_FOUND");
    assertFailedWith(passed(test(integration, new JsonObject().put("path", "secret/scrapengine/site"))),
      "KV_VERSION_MISMATCH");
  }

  @Test
  void aBadPathIsA400() {
    JsonObject integration = created(body(vault.url()));

    HttpResponse<Buffer> response = test(integration, new JsonObject().put("path", "/../sys/seal"));

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("path", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aStandbyNodeIsAWarningNotAFailure() {
    JsonObject integration = created(body(vault.url()));
    vault.mode(VaultEmulator.Mode.STANDBY);

    JsonObject result = passed(test(integration, null));

    assertTrue(result.getBoolean("ok"), result.encode());
    assertTrue(result.getJsonObject("vault").getBoolean("standby"));
    assertEquals(1, result.getJsonArray("warnings").size());
  }

  @Test
  void aSealedVaultFailsTheTest() {
    JsonObject integration = created(body(vault.url()));
    vault.mode(VaultEmulator.Mode.SEALED);

    assertFailedWith(passed(test(integration, null)), "VAULT_SEALED");
  }

  @Test
  void tlsTrustComesFromTheIntegrationsCaBundle() {
    JsonObject withoutCa = created(body(vault.tlsUrl()));
    JsonObject withCa = body(vault.tlsUrl());
    withCa.getJsonObject("config").put("caCertificate", vault.caPem());
    JsonObject trusted = created(withCa);

    assertFailedWith(passed(test(withoutCa, null)), "VAULT_TLS_ERROR");
    assertTrue(passed(test(trusted, null)).getBoolean("ok"));
    assertEquals(vault.caPem(), trusted.getString("caCertificate"));
  }

  @Test
  void anotherTenantCannotTestAnIntegration() {
    JsonObject integration = created(body(vault.url()));
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST,
        INTEGRATIONS + "/" + integration.getString("id") + "/test")
      .bearerTokenAuthentication(ENV.gateway().token("tenant-other", TestGateway.WRITE)).send().await();
    assertEquals(404, response.statusCode());
  }

  @Test
  void anUnsavedIntegrationCanBeTestedAndNothingIsStored() {
    int before = ENV.database().queryInt("SELECT count(*) FROM vault_integrations");

    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/test")
      .addQueryParam("path", "secret/data/scrapengine/site")
      .bearerTokenAuthentication(token).sendJsonObject(body(vault.url())).await();

    assertTrue(passed(response).getBoolean("ok"), response.bodyAsString());
    assertEquals(before, ENV.database().queryInt("SELECT count(*) FROM vault_integrations"));
  }

  @Test
  void verifyRefusesToSaveWhatFailsTheTest() {
    JsonObject body = body(vault.url());
    body.getJsonObject("config").put("roleId", "not-a-role");
    int before = ENV.database().queryInt("SELECT count(*) FROM vault_integrations");

    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS)
      .addQueryParam("verify", "true").bearerTokenAuthentication(token).sendJsonObject(body).await();

    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals("VAULT_CHECK_FAILED", problem.getString("code"));
    assertEquals("AUTH_INVALID_CREDENTIALS", problem.getJsonObject("error").getString("code"));
    assertNotNull(problem.getJsonObject("error").getString("hint"));
    assertEquals(before, ENV.database().queryInt("SELECT count(*) FROM vault_integrations"));
  }

  @Test
  void verifySavesWhatPassesWithItsLastTest() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS)
      .addQueryParam("verify", "true").bearerTokenAuthentication(token).sendJsonObject(body(vault.url())).await();

    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getJsonObject("lastTest").getBoolean("ok"));
  }

  @Test
  void aReplayedVerifiedCreateDoesNotCallTheVaultAgain() {
    JsonObject body = body(vault.url());
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).addQueryParam("verify", "true")
      .putHeader("Idempotency-Key", key).bearerTokenAuthentication(token).sendJsonObject(body).await();
    assertEquals(201, first.statusCode(), first.bodyAsString());
    vault.clearRequests();

    HttpResponse<Buffer> again = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).addQueryParam("verify", "true")
      .putHeader("Idempotency-Key", key).bearerTokenAuthentication(token).sendJsonObject(body).await();

    assertEquals("true", again.getHeader("Idempotent-Replayed"));
    assertEquals(first.bodyAsJsonObject(), again.bodyAsJsonObject());
    assertEquals(List.of(), vault.requests());
  }

  @Test
  void newSettingsAreValidatedStoredAndPatched() {
    JsonObject body = body(vault.url());
    body.getJsonObject("config").put("authMount", "team-a/approle").put("tlsServerName", "vault.internal.example");
    JsonObject integration = created(body);
    assertEquals("team-a/approle", integration.getString("authMount"));
    assertEquals("vault.internal.example", integration.getString("tlsServerName"));
    String path = INTEGRATIONS + "/" + integration.getString("id");

    JsonObject cleared = ENV.gateway().patch(path, token, null, new JsonObject().put("config", new JsonObject()
      .put("authMount", "approle").putNull("tlsServerName").put("caCertificate", vault.caPem()))).bodyAsJsonObject();

    assertEquals("approle", cleared.getString("authMount"));
    assertNull(cleared.getValue("tlsServerName"));
    assertEquals(vault.caPem(), cleared.getString("caCertificate"));
    Object[][] invalid = {
      {"authMount", "../sys"}, {"authMount", "approle/"}, {"caCertificate", "not a certificate"},
      {"caCertificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"},
      {"tlsServerName", "not a host name!"}};
    for (Object[] testCase : invalid) {
      JsonObject bad = body(vault.url());
      bad.getJsonObject("config").put((String) testCase[0], testCase[1]);
      HttpResponse<Buffer> createResponse = ENV.gateway().post(INTEGRATIONS, token, bad);
      HttpResponse<Buffer> patchResponse = ENV.gateway().patch(path, token, null,
        new JsonObject().put("config", new JsonObject().put((String) testCase[0], testCase[1])));
      for (HttpResponse<Buffer> response : List.of(createResponse, patchResponse)) {
        assertEquals(400, response.statusCode(), testCase[0] + ": " + response.bodyAsString());
        assertEquals("config." + testCase[0],
          response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
      }
    }
  }

  @Test
  void noSecretIdOrVaultTokenLeaksFromATest() {
    String canary = "s.canary-" + UUID.randomUUID();
    vault.namespace(NAMESPACE).approle("canary", role -> role.roleId("canary-role").secretId(canary)
      .policies("scrapengine"));
    JsonObject body = body(vault.url());
    body.getJsonObject("config").put("authMount", "canary").put("roleId", "canary-role").put("secretId", canary);
    List<String> responses = new java.util.ArrayList<>();
    List<String> lines;
    try (LogCapture logs = LogCapture.start()) {
      JsonObject integration = created(body);
      responses.add(test(integration, null).bodyAsString());
      responses.add(test(integration, new JsonObject().put("path", "secret/data/nope")).bodyAsString());
      JsonObject wrong = body(vault.url());
      wrong.getJsonObject("config").put("authMount", "canary").put("roleId", "canary-role")
        .put("secretId", canary + "-wrong");
      responses.add(ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/test").bearerTokenAuthentication(token)
        .sendJsonObject(wrong).await().bodyAsString());
      lines = logs.lines();
    }
    List<String> vaultTokens = vault.tokens().stream().map(EmulatedToken::id).toList();
    assertFalse(vaultTokens.isEmpty());
    for (String text : concat(responses, lines)) {
      assertFalse(text.contains(canary), text);
      for (String vaultToken : vaultTokens) {
        assertFalse(text.contains(vaultToken), text);
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
