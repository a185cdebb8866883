package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.support.FreePort;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.LogCapture;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.scrapengine.vaultgateway.support.vault.EmulatedNamespace;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.EmulatedWrapping.WrappedSecretId;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secret_id handed over response-wrapped ({@code config.secretIdWrapToken}): looked up, checked, unwrapped once
 * on the integration's own Vault and namespace, and never echoed. Against the emulator on loopback.
 */
class WrappedSecretIdTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.reachingLoopbackVaults();

  private static final String NAMESPACE = "admin/team";
  private static final String ROLE_ID = "role-id-gateway";
  private static final String TENANT = "tenant-wrapped";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static VaultEmulator vault;
  private static EmulatedNamespace namespace;
  private static EmulatedRole role;
  private static String token;
  private static LogCapture logs;

  @BeforeAll
  static void start() {
    logs = LogCapture.start();
    vault = VaultEmulator.start(ENV.vertx());
    namespace = vault.namespace(NAMESPACE);
    AtomicReference<EmulatedRole> created = new AtomicReference<>();
    namespace.approle("approle", configured -> created.set(configured.name("gateway").roleId(ROLE_ID)
        .policies("app")))
      .policy("app", "secret/data/app/*", "read")
      .kv2("secret").put("app/site", Map.of("password", "site-password"));
    role = created.get();
    token = ENV.gateway().token(TENANT, TestGateway.WRITE);
  }

  @AfterAll
  static void stop() {
    vault.close();
    logs.close();
  }

  private static WrappedSecretId wrapped() {
    return vault.wrapping().wrapSecretId(namespace, "approle", role, Duration.ofMinutes(5));
  }

  private static JsonObject body(String wrapToken) {
    JsonObject body = Integrations.named("wrapped-" + NAMES.incrementAndGet());
    body.getJsonObject("config").put("address", vault.url()).put("namespace", NAMESPACE).put("roleId", ROLE_ID)
      .put("secretIdWrapToken", wrapToken).remove("secretId");
    return body;
  }

  private static String storedSecretId(String id) throws Exception {
    byte[] ciphertext = ENV.database().queryBytes("SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?",
      UUID.fromString(id));
    return TestKeys.cipher(ENV.vertx(), ENV.gateway(), ENV.database())
      .decrypt(EncryptionContext.integrationSecretId(TENANT, UUID.fromString(id)), ciphertext).reveal();
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals(code, problem.getString("code"), problem.encode());
    return problem;
  }

  private static HttpResponse<Buffer> testUnsaved(JsonObject body) {
    return ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/test").bearerTokenAuthentication(token)
      .sendJsonObject(body).await();
  }

  @Test
  void aWrappedSecretIdIsLookedUpUnwrappedOnceAndStored() throws Exception {
    WrappedSecretId wrapped = wrapped();
    vault.clearRequests();

    HttpResponse<Buffer> response = ENV.gateway().post(INTEGRATIONS, token, body(wrapped.token()));

    assertEquals(201, response.statusCode(), response.bodyAsString());
    String id = response.bodyAsJsonObject().getString("id");
    assertEquals(wrapped.secretId(), storedSecretId(id));
    assertTrue(vault.wrapping().spent(wrapped.token()));
    List<RecordedRequest> calls = vault.requests();
    assertEquals(List.of("/v1/sys/wrapping/lookup", "/v1/sys/wrapping/unwrap"),
      calls.stream().map(RecordedRequest::path).toList());
    RecordedRequest lookup = calls.get(0);
    assertFalse(lookup.hasToken(), "lookup is unauthenticated: the token travels in the body");
    assertEquals(wrapped.token(), new JsonObject(lookup.body()).getString("token"));
    RecordedRequest unwrap = calls.get(1);
    assertEquals(wrapped.token(), unwrap.header("X-Vault-Token"), "unwrap authenticates with the wrap token itself");
    assertFalse(unwrap.body().contains(wrapped.token()), "and not also in the body");
    assertEquals(NAMESPACE, lookup.namespace());
    assertEquals(NAMESPACE, unwrap.namespace());
    HttpResponse<Buffer> tested = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/" + id + "/test")
      .bearerTokenAuthentication(token).send().await();
    assertTrue(tested.bodyAsJsonObject().getBoolean("ok"), "the unwrapped secret_id logs in: " + tested.bodyAsString());
  }

  @Test
  void aSpentTokenIsInvalidAndNothingIsSaved() {
    WrappedSecretId wrapped = wrapped();
    assertEquals(201, ENV.gateway().post(INTEGRATIONS, token, body(wrapped.token())).statusCode());
    JsonObject again = body(wrapped.token());

    JsonObject problem = problem(ENV.gateway().post(INTEGRATIONS, token, again), 422, "WRAP_TOKEN_INVALID");

    assertEquals("WRAP_TOKEN_INVALID", problem.getJsonObject("error").getString("code"));
    assertTrue(problem.getJsonObject("error").getString("message").contains("not valid or does not exist"),
      problem.encode());
    assertFalse(problem.encode().contains(wrapped.token()));
    assertEquals(0, ENV.database().queryInt("SELECT count(*) FROM vault_integrations WHERE name = ?",
      again.getString("name")));
  }

  @Test
  void anExpiredTokenIsInvalid() {
    WrappedSecretId wrapped = vault.wrapping().wrapSecretId(namespace, "approle", role, Duration.ofSeconds(60));
    vault.advanceClock(Duration.ofSeconds(61));

    problem(ENV.gateway().post(INTEGRATIONS, token, body(wrapped.token())), 422, "WRAP_TOKEN_INVALID");
  }

  @Test
  void aTokenWrappingSomethingElseIsRefusedWithoutSpendingIt() {
    String kvWrap = vault.wrapping().wrap(namespace, "secret/data/app/site",
      new JsonObject().put("data", new JsonObject().put("password", "site-password")), Duration.ofMinutes(5));

    JsonObject problem = problem(ENV.gateway().post(INTEGRATIONS, token, body(kvWrap)), 422,
      "WRAP_TOKEN_UNEXPECTED");

    assertTrue(problem.getJsonObject("error").getString("message").contains("secret/data/app/site"), problem.encode());
    assertTrue(problem.getJsonObject("error").getString("hint").contains("vault write -wrap-ttl="), problem.encode());
    assertFalse(vault.wrapping().spent(kvWrap), "refused before unwrapping: the customer keeps the token");
  }

  @Test
  void aSecretIdOfAnotherAuthMountIsRefused() {
    String otherMount = vault.wrapping().wrap(namespace, "auth/other-approle/role/gateway/secret-id",
      new JsonObject().put("secret_id", "s-other").put("secret_id_accessor", "a"), Duration.ofMinutes(5));

    problem(ENV.gateway().post(INTEGRATIONS, token, body(otherMount)), 422, "WRAP_TOKEN_UNEXPECTED");

    assertFalse(vault.wrapping().spent(otherMount));
  }

  @Test
  void exactlyOneOfSecretIdAndWrapTokenIsAccepted() {
    JsonObject both = body("hvs.some-token");
    both.getJsonObject("config").put("secretId", "s.plain");
    JsonArray errors = problem(ENV.gateway().post(INTEGRATIONS, token, both), 400, "VALIDATION_FAILED")
      .getJsonArray("errors");
    assertEquals(new JsonObject().put("field", "config")
      .put("message", "must have either secretId or secretIdWrapToken, not both"), errors.getJsonObject(0),
      errors.encode());
    assertEquals(1, errors.size(), errors.encode());

    JsonObject neither = body("x");
    neither.getJsonObject("config").remove("secretIdWrapToken");
    JsonArray missing = problem(ENV.gateway().post(INTEGRATIONS, token, neither), 400, "VALIDATION_FAILED")
      .getJsonArray("errors");
    assertEquals(1, missing.size(), missing.encode());
    assertEquals(new JsonObject().put("field", "config.secretId").put("message", "is required"),
      missing.getJsonObject(0));

    JsonObject created = ENV.gateway().create(token, body(wrapped().token()));
    HttpResponse<Buffer> patchBoth = ENV.gateway().patch(INTEGRATIONS + "/" + created.getString("id"), token, null,
      new JsonObject().put("config", new JsonObject().put("secretId", "s.x").put("secretIdWrapToken", "hvs.y")));
    assertEquals("config", problem(patchBoth, 400, "VALIDATION_FAILED").getJsonArray("errors").getJsonObject(0)
      .getString("field"));
  }

  @Test
  void aPatchRotatesWithAWrappedSecretIdOnceItsIfMatchHolds() throws Exception {
    JsonObject created = ENV.gateway().create(token, body(wrapped().token()));
    String path = INTEGRATIONS + "/" + created.getString("id");
    WrappedSecretId next = wrapped();

    HttpResponse<Buffer> stale = ENV.gateway().patch(path, token, "\"7\"",
      new JsonObject().put("config", new JsonObject().put("secretIdWrapToken", next.token())));
    problem(stale, 412, "PRECONDITION_FAILED");
    assertFalse(vault.wrapping().spent(next.token()), "a stale patch does not spend the token");

    HttpResponse<Buffer> patched = ENV.gateway().patch(path, token, "\"1\"",
      new JsonObject().put("config", new JsonObject().put("secretIdWrapToken", next.token())));

    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals("\"2\"", patched.getHeader("ETag"));
    assertEquals(next.secretId(), storedSecretId(created.getString("id")));
    assertTrue(vault.wrapping().spent(next.token()));
  }

  @Test
  void aPatchUnwrapsOnTheVaultThePatchPointsAt() {
    JsonObject created = ENV.gateway().create(token, body(wrapped().token()));
    WrappedSecretId next = wrapped();
    vault.clearRequests();

    HttpResponse<Buffer> patched = ENV.gateway().patch(INTEGRATIONS + "/" + created.getString("id"), token, null,
      new JsonObject().put("config", new JsonObject().put("namespace", null).put("secretIdWrapToken", next.token())));

    // the wrap token is found in its own namespace wherever the request is sent (vault/token_store.go)
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertTrue(vault.requests().stream().allMatch(request -> request.namespace() == null), vault.requests().toString());
  }

  @Test
  void theUnsavedTestUnwrapsAndReportsARefusedTokenAsItsFailure() {
    WrappedSecretId wrapped = wrapped();

    HttpResponse<Buffer> first = testUnsaved(body(wrapped.token()));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertTrue(first.bodyAsJsonObject().getBoolean("ok"), first.bodyAsString());

    HttpResponse<Buffer> again = testUnsaved(body(wrapped.token()));
    assertEquals(200, again.statusCode());
    JsonObject result = again.bodyAsJsonObject();
    assertFalse(result.getBoolean("ok"));
    assertEquals("WRAP_TOKEN_INVALID", result.getJsonObject("error").getString("code"));
    assertNull(result.getValue("vault"));
    assertFalse(again.bodyAsString().contains(wrapped.token()));
  }

  @Test
  void aBadPathInTheUnsavedTestDoesNotSpendTheToken() {
    WrappedSecretId wrapped = wrapped();

    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/test?path=..%2Fsys")
      .bearerTokenAuthentication(token).sendJsonObject(body(wrapped.token())).await();

    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertFalse(vault.wrapping().spent(wrapped.token()));
  }

  @Test
  void anIdempotentRetryReplaysWithoutCallingTheVaultAgain() {
    WrappedSecretId wrapped = wrapped();
    JsonObject body = body(wrapped.token());
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = send(key, body);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    vault.clearRequests();

    HttpResponse<Buffer> replay = send(key, body);

    assertEquals(201, replay.statusCode(), replay.bodyAsString());
    assertEquals("true", replay.getHeader("Idempotent-Replayed"));
    assertEquals(first.bodyAsJsonObject(), replay.bodyAsJsonObject());
    assertTrue(vault.requests().isEmpty(), "the spent token is not sent again: " + vault.requests());

    WrappedSecretId other = wrapped();
    JsonObject otherToken = body.copy();
    otherToken.getJsonObject("config").put("secretIdWrapToken", other.token());
    problem(send(key, otherToken), 422, "IDEMPOTENCY_KEY_REUSED");
    assertFalse(vault.wrapping().spent(other.token()), "a refused retry does not spend its token");

    JsonObject plain = body.copy();
    plain.getJsonObject("config").remove("secretIdWrapToken");
    plain.getJsonObject("config").put("secretId", wrapped.secretId());
    problem(send(key, plain), 422, "IDEMPOTENCY_KEY_REUSED");
  }

  @Test
  void verifyUnwrapsThenTestsBeforeSaving() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "?verify=true")
      .bearerTokenAuthentication(token).sendJsonObject(body(wrapped().token())).await();

    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getJsonObject("lastTest").getBoolean("ok"));
  }

  @Test
  void aVaultThatCannotBeReachedIsAFailedCheckNamingWhy() {
    JsonObject body = body("hvs.unreachable-token");
    body.getJsonObject("config").put("address", "http://127.0.0.1:" + FreePort.find());

    JsonObject problem = problem(ENV.gateway().post(INTEGRATIONS, token, body), 422, "VAULT_CHECK_FAILED");

    assertEquals("VAULT_UNREACHABLE", problem.getJsonObject("error").getString("code"));
    assertTrue(problem.getString("detail").contains("unwrap"), problem.encode());
  }

  @Test
  void neitherTokensNorSecretIdsReachTheLogs() {
    WrappedSecretId created = wrapped();
    WrappedSecretId tested = wrapped();
    int before = logs.size();

    ENV.gateway().post(INTEGRATIONS, token, body(created.token()));
    ENV.gateway().post(INTEGRATIONS, token, body(created.token()));
    testUnsaved(body(tested.token()));
    testUnsaved(body(tested.token()));

    List<String> lines = logs.lines();
    assertTrue(lines.size() > before, "the requests were logged");
    for (String line : lines) {
      for (String secret : List.of(created.token(), created.secretId(), tested.token(), tested.secretId())) {
        assertFalse(line.contains(secret), line);
      }
    }
  }

  private static HttpResponse<Buffer> send(String key, JsonObject body) {
    return ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("Idempotency-Key", key).sendJsonObject(body).await();
  }
}
