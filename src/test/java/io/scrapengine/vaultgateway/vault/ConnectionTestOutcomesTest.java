package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.FreePort;
import io.scrapengine.vaultgateway.support.vault.EmulatedToken;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator.Mode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every outcome of the connection check, reached for real against the emulator on loopback. */
@ExtendWith(VertxExtension.class)
class ConnectionTestOutcomesTest {

  static final String ROLE_ID = "role-app";
  static final String TEAM_ROLE_ID = "role-team";
  static final String TEAM_NAMESPACE = "admin/team";

  final String secretId = "secret-app-" + UUID.randomUUID();
  final String teamSecretId = "secret-team-" + UUID.randomUUID();
  VaultEmulator vault;
  VaultClient client;
  ConnectionTest check;

  @BeforeEach
  void start(Vertx vertx) {
    vault = VaultEmulator.start(vertx);
    fixture(vault, secretId, teamSecretId);
    client = VaultClient.create(vertx, LoopbackVault.allowed());
    check = ConnectionTest.create(client);
  }

  /** A root namespace with an AppRole reading secret/data/app/* and kv/app/*, and a team namespace. */
  static void fixture(VaultEmulator vault, String secretId, String teamSecretId) {
    vault.approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("app"))
      .policy("app", "secret/data/app/*", "read")
      .policy("app", "kv/app/*", "read");
    vault.kv2("secret").put("app/db", Map.of("password", "db-password")).put("app/old", Map.of("k", "v"))
      .delete("app/old").put("other/x", Map.of("k", "v"));
    vault.kv1("kv").put("app/db", Map.of("password", "db-password"));
    vault.namespace(TEAM_NAMESPACE)
      .approle("approle", role -> role.roleId(TEAM_ROLE_ID).secretId(teamSecretId).policies("team"))
      .policy("team", "secret/data/team/*", "read")
      .kv2("secret").put("team/db", Map.of("password", "team-password"));
  }

  @AfterEach
  void stop() {
    client.close().await();
    vault.close();
  }

  VaultTarget target() {
    return Targets.approle(vault.url(), ROLE_ID, SecretValue.of(secretId));
  }

  ConnectionTestResult run(VaultTarget target, String path) {
    return check.run(target, path).await();
  }

  static void assertFailed(ConnectionTestResult result, VaultErrorCode code) {
    assertFalse(result.ok(), result.toString());
    assertNotNull(result.error(), result.toString());
    assertEquals(code, result.error().code(), result.toString());
    assertFalse(result.error().message().isBlank());
    assertFalse(result.error().hint().isBlank());
  }

  void assertEveryTokenRevoked() {
    List<EmulatedToken> tokens = vault.tokens();
    assertFalse(tokens.isEmpty(), "a token was issued");
    assertTrue(tokens.stream().allMatch(EmulatedToken::revoked), "every issued token is revoked");
  }

  @Test
  void passesEndToEndAndRevokesItsToken() {
    ConnectionTestResult result = run(target(), "secret/data/app/db");

    assertTrue(result.ok(), result.toString());
    assertNull(result.error());
    assertEquals(new ConnectionTestResult.VaultInfo(VaultEmulator.VERSION, false, false, VaultEmulator.CLUSTER_NAME),
      result.vault());
    assertTrue(result.token().ttl() > 3500 && result.token().ttl() <= 3600, result.toString());
    assertTrue(result.token().renewable());
    assertEquals(List.of("default", "app"), result.token().policies());
    assertEquals(List.of(), result.warnings());
    assertTrue(result.latencyMs() >= 0);
    assertEquals(List.of("GET /v1/sys/health", "POST /v1/auth/approle/login", "GET /v1/auth/token/lookup-self",
        "GET /v1/sys/internal/ui/mounts/secret/data/app/db", "GET /v1/secret/data/app/db",
        "POST /v1/auth/token/revoke-self"),
      vault.requests().stream().map(RecordedRequest::toString).toList());
    assertEveryTokenRevoked();
    assertFalse(vault.requests().get(0).hasToken(), "health and login carry no token");
    assertFalse(vault.requests().get(1).hasToken());
  }

  @Test
  void readsKvVersion1AndStopsAfterLoginWithoutAPath() {
    assertTrue(run(target(), "kv/app/db").ok());
    ConnectionTestResult loginOnly = run(target(), null);
    assertTrue(loginOnly.ok(), loginOnly.toString());
    assertEquals(4 + 6, vault.requests().size(), "health, login, lookup, revoke without a path");
    assertEveryTokenRevoked();
  }

  @Test
  void sendsTheNamespaceOnEveryCallButHealth() {
    VaultTarget team = Targets.with(vault.url(), TEAM_ROLE_ID, SecretValue.of(teamSecretId))
      .namespace(TEAM_NAMESPACE).build();
    ConnectionTestResult result = run(team, "secret/data/team/db");

    assertTrue(result.ok(), result.toString());
    assertEquals(6, vault.requests().size());
    for (RecordedRequest request : vault.requests()) {
      // sys/health is a root-only endpoint: OpenBao refuses it inside a namespace
      assertEquals(request.path().equals("/v1/sys/health") ? null : TEAM_NAMESPACE, request.namespace(),
        request.toString());
    }
    assertEquals(TEAM_NAMESPACE, vault.tokens().get(0).namespace());
    assertEveryTokenRevoked();
  }

  @Test
  void aStandbyNodeIsAWarningNotAFailure() {
    vault.mode(Mode.STANDBY);
    ConnectionTestResult standby = run(target(), "secret/data/app/db");
    assertTrue(standby.ok(), standby.toString());
    assertTrue(standby.vault().standby());
    assertTrue(standby.warnings().get(0).contains("standby node (429)"), standby.warnings().toString());

    vault.mode(Mode.PERFORMANCE_STANDBY);
    ConnectionTestResult performance = run(target(), "secret/data/app/db");
    assertTrue(performance.ok(), performance.toString());
    assertTrue(performance.vault().standby());
    assertTrue(performance.warnings().get(0).contains("performance standby"), performance.warnings().toString());
    assertEveryTokenRevoked();
  }

  @Test
  void aSealedVaultStopsTheCheckBeforeLogin() {
    vault.mode(Mode.SEALED);
    ConnectionTestResult result = run(target(), "secret/data/app/db");
    assertFailed(result, VaultErrorCode.VAULT_SEALED);
    assertTrue(result.vault().sealed());
    assertNull(result.token());
    assertEquals(1, vault.requests().size(), "the secret_id is not sent to a sealed Vault");
  }

  @Test
  void anUninitialisedVaultIsReported() {
    vault.mode(Mode.UNINITIALIZED);
    ConnectionTestResult result = run(target(), null);
    assertFailed(result, VaultErrorCode.VAULT_NOT_INITIALIZED);
    assertEquals(1, vault.requests().size());
  }

  @Test
  void wrongRoleIdOrSecretIdAreInvalidCredentials() {
    ConnectionTestResult wrongRole = run(Targets.from(target()).roleId("no-such-role").build(), null);
    assertFailed(wrongRole, VaultErrorCode.AUTH_INVALID_CREDENTIALS);
    assertTrue(wrongRole.error().message().contains("invalid role or secret ID"), wrongRole.error().message());

    ConnectionTestResult wrongSecret = run(Targets.from(target()).secretId(SecretValue.of("not-the-secret")).build(), null);
    assertFailed(wrongSecret, VaultErrorCode.AUTH_INVALID_CREDENTIALS);
    assertNull(wrongSecret.token());
    assertTrue(vault.tokens().isEmpty());
  }

  @Test
  void aMissingOrMisspelledNamespaceIsNamedInTheHint() {
    // the team's AppRole used without its namespace: the root namespace's AppRole does not know the role
    VaultTarget withoutNamespace = Targets.approle(vault.url(), TEAM_ROLE_ID, SecretValue.of(teamSecretId));
    ConnectionTestResult forgotten = run(withoutNamespace, null);
    assertFailed(forgotten, VaultErrorCode.AUTH_INVALID_CREDENTIALS);
    assertTrue(forgotten.error().hint().contains("namespace"), forgotten.error().hint());

    // a namespace that does not exist: Vault answers the login 403 permission denied, as for a missing mount
    ConnectionTestResult misspelled = run(Targets.from(withoutNamespace).namespace("admin/tem").build(), null);
    assertFailed(misspelled, VaultErrorCode.AUTH_MOUNT_NOT_FOUND);
    assertTrue(misspelled.error().hint().contains("namespace 'admin/tem'"), misspelled.error().hint());
    assertTrue(vault.requests().stream().allMatch(r -> r.namespace() == null || r.namespace().equals("admin/tem")));
  }

  @Test
  void aLoginAtAMissingMountIsMountNotFound() {
    ConnectionTestResult result = run(Targets.from(target()).authMount("team-a/approle").build(), null);
    assertFailed(result, VaultErrorCode.AUTH_MOUNT_NOT_FOUND);
    assertTrue(result.error().message().contains("auth/team-a/approle/login"), result.error().message());
    assertEquals("POST /v1/auth/team-a/approle/login", vault.requests().get(1).toString());
  }

  @Test
  void aReadWithoutPermissionIsDeniedAndTheTokenStillRevoked() {
    ConnectionTestResult result = run(target(), "secret/data/other/x");
    assertFailed(result, VaultErrorCode.PERMISSION_DENIED);
    assertTrue(result.error().message().contains("permission denied"), result.error().message());
    assertEquals(List.of("default", "app"), result.token().policies(), "the token details survive a failed read");
    assertEveryTokenRevoked();
  }

  @Test
  void aMissingOrDeletedSecretIsPathNotFound() {
    ConnectionTestResult missing = run(target(), "secret/data/app/missing");
    assertFailed(missing, VaultErrorCode.PATH_NOT_FOUND);
    ConnectionTestResult deleted = run(target(), "secret/data/app/old");
    assertFailed(deleted, VaultErrorCode.PATH_NOT_FOUND);
    assertTrue(deleted.error().message().contains("deleted"), deleted.error().message());
    ConnectionTestResult missingV1 = run(target(), "kv/app/missing");
    assertFailed(missingV1, VaultErrorCode.PATH_NOT_FOUND);
    assertEveryTokenRevoked();
  }

  @Test
  void kvVersionMismatchesAreToldApartFromPermissionProblems() {
    // the policy covers secret/data/app/*, so Vault itself would answer this v1-style path with a 403
    ConnectionTestResult v1PathOnV2 = run(target(), "secret/app/db");
    assertFailed(v1PathOnV2, VaultErrorCode.KV_VERSION_MISMATCH);
    assertTrue(v1PathOnV2.error().hint().contains("'secret/data/app/db'"), v1PathOnV2.error().hint());
    assertTrue(vault.requests("/v1/secret/app/db").isEmpty(), "decided from the mount, before reading");

    ConnectionTestResult v2PathOnV1 = run(target(), "kv/data/app/db");
    assertFailed(v2PathOnV1, VaultErrorCode.KV_VERSION_MISMATCH);
    assertTrue(v2PathOnV1.error().hint().contains("'kv/app/db'"), v2PathOnV1.error().hint());
    assertEveryTokenRevoked();
  }

  @Test
  void theVersionedKvWarningAloneRevealsAMismatchWhenTheMountIsNotVisible() {
    vault.policy("app", "secret/app/db", "read");
    vault.respond("/v1/sys/internal/ui/mounts/", request -> request.response().setStatusCode(403)
      .putHeader("Content-Type", "application/json").end("{\"errors\":[\"permission denied\"]}"));
    ConnectionTestResult result = run(target(), "secret/app/db");
    assertFailed(result, VaultErrorCode.KV_VERSION_MISMATCH);
    assertEquals(1, vault.requests("/v1/secret/app/db").size());
    assertEveryTokenRevoked();
  }

  @Test
  void shortLivedTokensAndRevocationFailuresAreWarnings() {
    vault.approle("approle", role -> role.name("short").roleId("role-short").secretId("s-short").policies("app")
      .ttlSeconds(30));
    vault.respond("/v1/auth/token/revoke-self", request -> request.response().setStatusCode(500)
      .end("{\"errors\":[\"internal error\"]}"));
    ConnectionTestResult result = run(Targets.approle(vault.url(), "role-short", SecretValue.of("s-short")),
      "secret/data/app/db");
    assertTrue(result.ok(), result.toString());
    assertTrue(result.warnings().stream().anyMatch(w -> w.matches("The role's tokens live only (29|30) s.")), result.warnings().toString());
    assertTrue(result.warnings().stream().anyMatch(w -> w.contains("could not be revoked (500)")),
      result.warnings().toString());
  }

  @Test
  void aClosedPortAnUnresolvableNameAndASilentServerAreUnreachable(Vertx vertx) {
    ConnectionTestResult closed = run(Targets.approle("http://127.0.0.1:" + FreePort.find(), ROLE_ID,
      SecretValue.of(secretId)), null);
    assertFailed(closed, VaultErrorCode.VAULT_UNREACHABLE);
    assertTrue(closed.error().message().contains("refused"), closed.error().message());
    assertNull(closed.vault());
    assertNull(closed.token());

    // .invalid never resolves (RFC 6761), and the resolver knows so without asking DNS
    ConnectionTestResult unresolvable = run(Targets.approle("https://vault.invalid:8200", ROLE_ID,
      SecretValue.of(secretId)), null);
    assertFailed(unresolvable, VaultErrorCode.VAULT_UNREACHABLE);
    assertTrue(unresolvable.error().message().contains("could not be resolved"), unresolvable.error().message());

    vault.respond("/v1/sys/health", request -> { });
    VaultClient impatient = VaultClient.create(vertx, LoopbackVault.allowed(300));
    try {
      ConnectionTestResult silent = ConnectionTest.create(impatient).run(target(), null).await();
      assertFailed(silent, VaultErrorCode.VAULT_UNREACHABLE);
      assertTrue(silent.error().message().contains("within 300 ms"), silent.error().message());
      assertTrue(silent.latencyMs() < 3_000, "the deadline cut the call: " + silent.latencyMs());
    } finally {
      impatient.close().await();
    }
  }

  @Test
  void redirectsAreNotFollowed() {
    vault.respond("/v1/sys/health", request -> request.response().setStatusCode(307)
      .putHeader("Location", "http://127.0.0.1:" + vault.port() + "/v1/elsewhere").end());
    ConnectionTestResult result = run(target(), null);
    assertFailed(result, VaultErrorCode.VAULT_ERROR);
    assertTrue(result.error().message().contains("redirect (307)"), result.error().message());
    assertEquals(1, vault.requests().size(), "the Location was never requested");
  }

  @Test
  void serverErrorsAndForeignAnswersAreVaultErrors() {
    vault.respond("/v1/auth/approle/login", request -> request.response().setStatusCode(500)
      .putHeader("Content-Type", "application/json").end("{\"errors\":[\"storage backend unavailable\"]}"));
    ConnectionTestResult failedLogin = run(target(), null);
    assertFailed(failedLogin, VaultErrorCode.VAULT_ERROR);
    assertTrue(failedLogin.error().message().contains("storage backend unavailable"), failedLogin.error().message());

    vault.respond("/v1/sys/health", request -> request.response().setStatusCode(200)
      .putHeader("Content-Type", "text/html").end("<html>welcome</html>"));
    assertFailed(run(target(), null), VaultErrorCode.VAULT_ERROR);
  }

  @Test
  void oversizedAnswersAreCutOff() {
    String big = "{\"pad\":\"" + "x".repeat(VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES) + "\"}";
    vault.respond("/v1/sys/health", request -> request.response().setStatusCode(200).end(big));
    ConnectionTestResult declared = run(target(), null);
    assertFailed(declared, VaultErrorCode.VAULT_ERROR);
    assertTrue(declared.error().message().contains("over " + VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES),
      declared.error().message());

    // no Content-Length: the cap applies while streaming, chunk by chunk
    vault.respond("/v1/sys/health", request -> {
      request.response().setStatusCode(200).setChunked(true);
      for (int i = 0; i < 40; i++) {
        request.response().write("x".repeat(64 * 1024));
      }
      request.response().end();
    });
    ConnectionTestResult streamed = run(target(), null);
    assertFailed(streamed, VaultErrorCode.VAULT_ERROR);
    assertTrue(streamed.error().message().contains("over"), streamed.error().message());
  }

  @Test
  void aPathPrefixIsKeptBeforeV1() {
    vault.pathPrefix("/vault");
    ConnectionTestResult result = run(Targets.approle(vault.url() + "/vault/", ROLE_ID, SecretValue.of(secretId)),
      "secret/data/app/db");
    assertTrue(result.ok(), result.toString());
    assertTrue(vault.requests().stream().allMatch(r -> r.path().startsWith("/vault/v1/")));
  }

  @Test
  void theResultSerialisesAsTheApiShowsIt() {
    vault.mode(Mode.STANDBY);
    ConnectionTestResult result = run(target(), "secret/data/app/missing");
    var json = result.toJson();
    assertEquals(false, json.getBoolean("ok"));
    assertTrue(json.getString("checkedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z"),
      json.getString("checkedAt"));
    assertEquals(VaultEmulator.VERSION, json.getJsonObject("vault").getString("version"));
    assertEquals(true, json.getJsonObject("vault").getBoolean("standby"));
    assertEquals(VaultEmulator.CLUSTER_NAME, json.getJsonObject("vault").getString("clusterName"));
    assertEquals(List.of("default", "app"), json.getJsonObject("token").getJsonArray("policies").getList());
    assertEquals("PATH_NOT_FOUND", json.getJsonObject("error").getString("code"));
    assertEquals(1, json.getJsonArray("warnings").size());
  }
}
