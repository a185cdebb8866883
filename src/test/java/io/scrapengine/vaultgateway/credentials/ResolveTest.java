package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolving credentials against the Vault emulator: KV detection, field mapping, errors, sessions, scopes. */
class ResolveTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.reachingLoopbackVaults();

  private static final String ROLE_ID = "role-resolve";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static VaultEmulator vault;
  private static TestGateway gateway;
  private static String secretId;
  private static String admin;
  private static String runner;

  @BeforeAll
  static void startVault() {
    secretId = "s.resolve-" + UUID.randomUUID();
    vault = VaultEmulator.start(ENV.vertx());
    vault.approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("sites"))
      .policy("sites", "secret/data/sites/*", "read")
      .policy("sites", "kv/sites/*", "read")
      .policy("sites", "legacy/sites/*", "read");
    vault.kv2("secret").put("sites/acme", Map.of("username", "bot@acme", "password", "acme-pw-1"))
      .put("sites/acme", Map.of("username", "bot@acme", "password", "acme-pw-2", "otp", 123456))
      .put("sites/partial", Map.of("username", "only-user"))
      .put("other/x", Map.of("username", "u", "password", "p"));
    vault.kv1("kv").put("sites/old", Map.of("username", "v1-user", "password", "v1-pw"));
    vault.kv1WithVersionOption("legacy").put("sites/flagged", Map.of("username", "flag-user", "password", "flag-pw"));
    gateway = ENV.gateway();
    admin = gateway.token("tenant-resolve", Credentials.WRITE + " " + TestGateway.WRITE + " " + Credentials.AUDIT);
    runner = gateway.token("tenant-resolve", Credentials.RESOLVE);
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @BeforeEach
  void active() {
    vault.mode(VaultEmulator.Mode.ACTIVE);
  }

  /** A new integration (so a new session) with the AppRole above. */
  private static String integration(String secret) {
    JsonObject body = Integrations.atVault("resolve-" + NAMES.incrementAndGet(), vault.url(), ROLE_ID, secret);
    return gateway.create(admin, body).getString("id");
  }

  private static String credential(String integrationId, String path, JsonObject extra) {
    return Credentials.create(gateway, admin, Credentials.body("cred-" + NAMES.incrementAndGet(), integrationId,
      path).mergeIn(extra)).getString("id");
  }

  private static JsonObject resolved(String credentialId) {
    HttpResponse<Buffer> response = Credentials.resolve(gateway, runner, credentialId);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    return response.bodyAsJsonObject();
  }

  private static JsonObject failed(String credentialId, int status, String code) {
    HttpResponse<Buffer> response = Credentials.resolve(gateway, runner, credentialId);
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals(code, problem.getString("code"), problem.encode());
    assertFalse(response.bodyAsString().contains(secretId));
    return problem;
  }

  private static int logins() {
    return vault.requests("/v1/auth/approle/login").size();
  }

  @Test
  void aKvV2SecretIsResolvedFromItsLogicalPath() {
    String id = credential(integration(secretId), "secret/sites/acme", new JsonObject());
    JsonObject body = resolved(id);

    assertEquals(id, body.getString("credentialId"));
    assertEquals(new JsonObject().put("username", "bot@acme").put("password", "acme-pw-2"), body.getJsonObject("values"));
    JsonObject source = body.getJsonObject("source");
    assertEquals("secret/", source.getString("mount"));
    assertEquals("secret/sites/acme", source.getString("path"));
    assertEquals(2, source.getInteger("kvVersion"));
    assertEquals(2, source.getInteger("secretVersion"));
    assertTrue(body.getString("resolvedAt").endsWith("Z"));
    List<RecordedRequest> reads = vault.requests("/v1/secret/data/sites/acme");
    assertFalse(reads.isEmpty(), "read at <mount>/data/<key>");
  }

  @Test
  void aPinnedSecretVersionReadsThatVersionAndNumbersAndNamesMap() {
    String id = credential(integration(secretId), "secret/data/sites/acme", new JsonObject().put("secretVersion", 1)
      .put("fields", new JsonObject().put("password", "password")));
    JsonObject body = resolved(id);
    assertEquals(new JsonObject().put("password", "acme-pw-1"), body.getJsonObject("values"));
    assertEquals(1, body.getJsonObject("source").getInteger("secretVersion"));
    assertTrue(vault.requests().stream().anyMatch(r -> r.uri().equals("/v1/secret/data/sites/acme?version=1")));

    String mapped = credential(integration(secretId), "secret/sites/acme", new JsonObject()
      .put("fields", new JsonObject().put("login", "username").put("code", "otp")));
    assertEquals(new JsonObject().put("login", "bot@acme").put("code", "123456"),
      resolved(mapped).getJsonObject("values"));
  }

  @Test
  void kvV1IsFoundByItselfWhateverTheMountSaysOfItsVersion() {
    String integration = integration(secretId);
    JsonObject plain = resolved(credential(integration, "kv/sites/old", new JsonObject()));
    assertEquals("v1-pw", plain.getJsonObject("values").getString("password"));
    assertEquals(1, plain.getJsonObject("source").getInteger("kvVersion"));
    assertNull(plain.getJsonObject("source").getValue("secretVersion"));
    assertFalse(vault.requests("/v1/kv/sites/old").isEmpty());

    JsonObject flagged = resolved(credential(integration, "legacy/sites/flagged", new JsonObject()));
    assertEquals("flag-pw", flagged.getJsonObject("values").getString("password"));
    assertEquals(1, flagged.getJsonObject("source").getInteger("kvVersion"));
  }

  @Test
  void withTheMountsEndpointDeniedThePinOrTryingBothVersionsDecides() {
    String role = "role-denied-mounts";
    String secret = "s.denied-" + UUID.randomUUID();
    vault.approle("approle", r -> r.name("denied").roleId(role).secretId(secret).policies("no-mounts"))
      .policy("no-mounts", "secret/data/sites/*", "read")
      .policy("no-mounts", "kv/sites/*", "read")
      .policy("no-mounts", "sys/internal/ui/mounts/*", "deny");
    JsonObject body = Integrations.atVault("denied-" + NAMES.incrementAndGet(), vault.url(), role, secret);
    String integration = gateway.create(admin, body).getString("id");

    JsonObject v2 = resolved(credential(integration, "secret/sites/acme", new JsonObject()));
    assertEquals(2, v2.getJsonObject("source").getInteger("kvVersion"));
    JsonObject v1 = resolved(credential(integration, "kv/sites/old", new JsonObject()));
    assertEquals(1, v1.getJsonObject("source").getInteger("kvVersion"));
    assertEquals("v1-pw", v1.getJsonObject("values").getString("password"));
    vault.clearRequests();
    JsonObject pinned = resolved(credential(integration, "kv/sites/old", new JsonObject().put("kvVersion", 1)));
    assertEquals(1, pinned.getJsonObject("source").getInteger("kvVersion"));
    assertTrue(vault.requests("/v1/kv/data/sites/old").isEmpty(), "a pinned version is read directly");
    assertTrue(vault.requests().stream().noneMatch(r -> r.path().startsWith("/v1/sys/internal/ui/mounts/")),
      "a denied mounts endpoint is not asked again");
  }

  @Test
  void aSecretWithoutAMappedKeyIs422NamingTheKey() {
    JsonObject problem = failed(credential(integration(secretId), "secret/sites/partial", new JsonObject()), 422,
      "SECRET_FIELD_MISSING");
    assertTrue(problem.getString("detail").contains("'password'"), problem.getString("detail"));
    assertEquals("fields.password", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertFalse(problem.encode().contains("only-user"), "no value of the secret in the problem");
  }

  @Test
  void vaultsRefusalsAre502WithTheTestsCodes() {
    String integration = integration(secretId);
    failed(credential(integration, "secret/sites/missing", new JsonObject()), 502, "PATH_NOT_FOUND");
    JsonObject denied = failed(credential(integration, "secret/other/x", new JsonObject()), 502, "PERMISSION_DENIED");
    assertTrue(denied.getJsonObject("error").getString("hint").contains("secret/data/other/x"));
    failed(credential(integration(secretId + "-wrong"), "secret/sites/acme", new JsonObject()), 502,
      "AUTH_INVALID_CREDENTIALS");
    String sealed = credential(integration(secretId), "secret/sites/acme", new JsonObject());
    vault.mode(VaultEmulator.Mode.SEALED);
    failed(sealed, 502, "VAULT_SEALED");
  }

  @Test
  void aForbiddenReadLogsInOnceMoreBeforeItIsReported() {
    String id = credential(integration(secretId), "secret/other/x", new JsonObject());
    int before = logins();
    failed(id, 502, "PERMISSION_DENIED");
    assertEquals(2, logins() - before, "one login, then one more after the 403");
  }

  @Test
  void onlyTheTaskRunnersScopeMayResolve() {
    String id = credential(integration(secretId), "secret/sites/acme", new JsonObject());
    for (String scope : List.of(Credentials.WRITE, Credentials.READ, TestGateway.WRITE)) {
      HttpResponse<Buffer> response = Credentials.resolve(gateway, gateway.token("tenant-resolve", scope), id);
      assertEquals(403, response.statusCode(), scope);
    }
    assertEquals(404, Credentials.resolve(gateway, gateway.token("tenant-other", Credentials.RESOLVE), id)
      .statusCode(), "another tenant's credential");
    assertEquals(404, Credentials.resolve(gateway, runner, UUID.randomUUID().toString()).statusCode());
  }

  @Test
  void concurrentResolvesOnAColdSessionShareOneLogin() {
    String id = credential(integration(secretId), "secret/sites/acme", new JsonObject());
    int before = logins();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(gateway.request(HttpMethod.POST, Credentials.PATH + "/" + id + "/resolve")
        .bearerTokenAuthentication(runner).send());
    }
    Future.all(calls).await();
    calls.forEach(call -> assertEquals(200, call.result().statusCode(), call.result().bodyAsString()));
    assertEquals(1, logins() - before, "single flight: one login for 200 resolves");

    resolved(id);
    assertEquals(1, logins() - before, "the token is reused");
  }

  @Test
  void anExpiredTokenIsReplacedWithoutTheCallerNoticing() {
    String id = credential(integration(secretId), "secret/sites/acme", new JsonObject());
    resolved(id);
    int before = logins();
    vault.advanceClock(Duration.ofHours(2));
    try {
      assertEquals("acme-pw-2", resolved(id).getJsonObject("values").getString("password"));
    } finally {
      vault.advanceClock(Duration.ofHours(-2));
    }
    assertEquals(1, logins() - before);
  }

  @Test
  void everyResolveIsAuditedWithoutItsValues() {
    String id = credential(integration(secretId), "secret/sites/acme", new JsonObject());
    resolved(id);
    failed(credential(integration(secretId), "secret/sites/missing", new JsonObject()), 502, "PATH_NOT_FOUND");

    HttpResponse<Buffer> page = gateway.get("/api/v1/audit-events?credentialId=" + id, admin);
    assertEquals(200, page.statusCode(), page.bodyAsString());
    JsonObject event = page.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
    assertEquals("credential.resolve", event.getString("action"));
    assertEquals("OK", event.getString("outcome"));
    assertEquals("secret/sites/acme", event.getString("vaultPath"));
    assertEquals("dev:tenant-resolve", event.getString("actor"));
    assertTrue(event.getLong("latencyMs") >= 0);
    String all = ENV.database().queryString("SELECT string_agg(t::text, '|') FROM audit_events t");
    for (String secret : List.of("acme-pw-1", "acme-pw-2", "bot@acme", secretId)) {
      assertFalse(all.contains(secret), "audit rows hold no secret");
    }
    assertTrue(all.contains("PATH_NOT_FOUND"));
    assertTrue(all.contains("session.login"));
  }
}
