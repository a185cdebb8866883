package io.scrapengine.vaultgateway.vault;

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
class ConnectionCheckTest {

  static final String ROLE_ID = "role-app";
  static final String TEAM_ROLE_ID = "role-team";
  static final String TEAM_NAMESPACE = "admin/team";

  final String secretId = "secret-app-" + UUID.randomUUID();
  final String teamSecretId = "secret-team-" + UUID.randomUUID();
  VaultEmulator vault;
  VaultClient client;
  ConnectionCheck check;

  @BeforeEach
  void start(Vertx vertx) {
    vault = VaultEmulator.start(vertx);
    fixture(vault, secretId, teamSecretId);
    client = VaultClient.create(vertx, LoopbackVault.allowed());
    check = ConnectionCheck.create(client);
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
    return VaultTarget.approle(vault.url(), ROLE_ID, SecretValue.of(secretId));
  }

  CheckResult run(VaultTarget target, String path) {
    return check.check(target, path).await();
  }

  static void assertFailed(CheckResult result, CheckErrorCode code) {
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
    CheckResult result = run(target(), "secret/data/app/db");

    assertTrue(result.ok(), result.toString());
    assertNull(result.error());
    assertEquals(new CheckResult.VaultInfo(VaultEmulator.VERSION, false, false, VaultEmulator.CLUSTER_NAME),
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
    CheckResult loginOnly = run(target(), null);
    assertTrue(loginOnly.ok(), loginOnly.toString());
    assertEquals(4 + 6, vault.requests().size(), "health, login, lookup, revoke without a path");
    assertEveryTokenRevoked();
  }

  @Test
  void sendsTheNamespaceOnEveryCall() {
    VaultTarget team = VaultTarget.approle(vault.url(), TEAM_ROLE_ID, SecretValue.of(teamSecretId))
      .withNamespace(TEAM_NAMESPACE);
    CheckResult result = run(team, "secret/data/team/db");

    assertTrue(result.ok(), result.toString());
    assertEquals(6, vault.requests().size());
    for (RecordedRequest request : vault.requests()) {
      assertEquals(TEAM_NAMESPACE, request.namespace(), request.toString());
    }
    assertEquals(TEAM_NAMESPACE, vault.tokens().get(0).namespace());
    assertEveryTokenRevoked();
  }

  @Test
  void aStandbyNodeIsAWarningNotAFailure() {
    vault.mode(Mode.STANDBY);
    CheckResult standby = run(target(), "secret/data/app/db");
    assertTrue(standby.ok(), standby.toString());
    assertTrue(standby.vault().standby());
    assertTrue(standby.warnings().get(0).contains("standby node (429)"), standby.warnings().toString());

    vault.mode(Mode.PERFORMANCE_STANDBY);
    CheckResult performance = run(target(), "secret/data/app/db");
    assertTrue(performance.ok(), performance.toString());
    assertTrue(performance.vault().standby());
    assertTrue(performance.warnings().get(0).contains("performance standby"), performance.warnings().toString());
    assertEveryTokenRevoked();
  }

  @Test
  void aSealedVaultStopsTheCheckBeforeLogin() {
    vault.mode(Mode.SEALED);
    CheckResult result = run(target(), "secret/data/app/db");
    assertFailed(result, CheckErrorCode.VAULT_SEALED);
    assertTrue(result.vault().sealed());
    assertNull(result.token());
    assertEquals(1, vault.requests().size(), "the secret_id is not sent to a sealed Vault");
  }

  @Test
  void anUninitialisedVaultIsReported() {
    vault.mode(Mode.UNINITIALIZED);
    CheckResult result = run(target(), null);
    assertFailed(result, CheckErrorCode.VAULT_NOT_INITIALIZED);
    assertEquals(1, vault.requests().size());
  }

  @Test
  void wrongRoleIdOrSecretIdAreInvalidCredentials() {
    CheckResult wrongRole = run(target().withRoleId("no-such-role"), null);
    assertFailed(wrongRole, CheckErrorCode.AUTH_INVALID_CREDENTIALS);
    assertTrue(wrongRole.error().message().contains("invalid role or secret ID"), wrongRole.error().message());

    CheckResult wrongSecret = run(target().withSecretId(SecretValue.of("not-the-secret")), null);
    assertFailed(wrongSecret, CheckErrorCode.AUTH_INVALID_CREDENTIALS);
    assertNull(wrongSecret.token());
    assertTrue(vault.tokens().isEmpty());
  }

  @Test
  void aMissingOrMisspelledNamespaceIsNamedInTheHint() {
    // the team's AppRole used without its namespace: the root namespace's AppRole does not know the role
    VaultTarget withoutNamespace = VaultTarget.approle(vault.url(), TEAM_ROLE_ID, SecretValue.of(teamSecretId));
    CheckResult forgotten = run(withoutNamespace, null);
    assertFailed(forgotten, CheckErrorCode.AUTH_INVALID_CREDENTIALS);
    assertTrue(forgotten.error().hint().contains("namespace"), forgotten.error().hint());

    // a namespace that does not exist: Vault answers the login 403 permission denied, as for a missing mount
    CheckResult misspelled = run(withoutNamespace.withNamespace("admin/tem"), null);
    assertFailed(misspelled, CheckErrorCode.AUTH_MOUNT_NOT_FOUND);
    assertTrue(misspelled.error().hint().contains("namespace 'admin/tem'"), misspelled.error().hint());
    assertTrue(vault.requests().stream().allMatch(r -> r.namespace() == null || r.namespace().equals("admin/tem")));
  }

  @Test
  void aLoginAtAMissingMountIsMountNotFound() {
    CheckResult result = run(target().withAuthMount("team-a/approle"), null);
    assertFailed(result, CheckErrorCode.AUTH_MOUNT_NOT_FOUND);
    assertTrue(result.error().message().contains("auth/team-a/approle/login"), result.error().message());
    assertEquals("POST /v1/auth/team-a/approle/login", vault.requests().get(1).toString());
  }

  @Test
  void aReadWithoutPermissionIsDeniedAndTheTokenStillRevoked() {
    CheckResult result = run(target(), "secret/data/other/x");
    assertFailed(result, CheckErrorCode.PERMISSION_DENIED);
    assertTrue(result.error().message().contains("permission denied"), result.error().message());
    assertEquals(List.of("default", "app"), result.token().policies(), "the token details survive a failed read");
    assertEveryTokenRevoked();
  }

  @Test
  void aMissingOrDeletedSecretIsPathNotFound() {
    CheckResult missing = run(target(), "secret/data/app/missing");
    assertFailed(missing, CheckErrorCode.PATH_NOT_FOUND);
    CheckResult deleted = run(target(), "secret/data/app/old");
    assertFailed(deleted, CheckErrorCode.PATH_NOT_FOUND);
    assertTrue(deleted.error().message().contains("deleted"), deleted.error().message());
    CheckResult missingV1 = run(target(), "kv/app/missing");
    assertFailed(missingV1, CheckErrorCode.PATH_NOT_FOUND);
    assertEveryTokenRevoked();
  }

  @Test
  void kvVersionMismatchesAreToldApartFromPermissionProblems() {
    // the policy covers secret/data/app/*, so Vault itself would answer this v1-style path with a 403
    CheckResult v1PathOnV2 = run(target(), "secret/app/db");
    assertFailed(v1PathOnV2, CheckErrorCode.KV_VERSION_MISMATCH);
    assertTrue(v1PathOnV2.error().hint().contains("'secret/data/app/db'"), v1PathOnV2.error().hint());
    assertTrue(vault.requests("/v1/secret/app/db").isEmpty(), "decided from the mount, before reading");

    CheckResult v2PathOnV1 = run(target(), "kv/data/app/db");
    assertFailed(v2PathOnV1, CheckErrorCode.KV_VERSION_MISMATCH);
    assertTrue(v2PathOnV1.error().hint().contains("'kv/app/db'"), v2PathOnV1.error().hint());
    assertEveryTokenRevoked();
  }

  @Test
  void theVersionedKvWarningAloneRevealsAMismatchWhenTheMountIsNotVisible() {
    vault.policy("app", "secret/app/db", "read");
    vault.respond("/v1/sys/internal/ui/mounts/", request -> request.response().setStatusCode(403)
      .putHeader("Content-Type", "application/json").end("{\"errors\":[\"permission denied\"]}"));
    CheckResult result = run(target(), "secret/app/db");
    assertFailed(result, CheckErrorCode.KV_VERSION_MISMATCH);
    assertEquals(1, vault.requests("/v1/secret/app/db").size());
    assertEveryTokenRevoked();
  }

  @Test
  void shortLivedTokensAndRevocationFailuresAreWarnings() {
    vault.approle("approle", role -> role.name("short").roleId("role-short").secretId("s-short").policies("app")
      .ttlSeconds(30));
    vault.respond("/v1/auth/token/revoke-self", request -> request.response().setStatusCode(500)
      .end("{\"errors\":[\"internal error\"]}"));
    CheckResult result = run(VaultTarget.approle(vault.url(), "role-short", SecretValue.of("s-short")),
      "secret/data/app/db");
    assertTrue(result.ok(), result.toString());
    assertTrue(result.warnings().stream().anyMatch(w -> w.matches("The role's tokens live only (29|30) s.")), result.warnings().toString());
    assertTrue(result.warnings().stream().anyMatch(w -> w.contains("could not be revoked (500)")),
      result.warnings().toString());
  }

  @Test
  void aClosedPortAnUnresolvableNameAndASilentServerAreUnreachable(Vertx vertx) {
    CheckResult closed = run(VaultTarget.approle("http://127.0.0.1:" + FreePort.find(), ROLE_ID,
      SecretValue.of(secretId)), null);
    assertFailed(closed, CheckErrorCode.VAULT_UNREACHABLE);
    assertTrue(closed.error().message().contains("refused"), closed.error().message());
    assertNull(closed.vault());
    assertNull(closed.token());

    // .invalid never resolves (RFC 6761), and the resolver knows so without asking DNS
    CheckResult unresolvable = run(VaultTarget.approle("https://vault.invalid:8200", ROLE_ID,
      SecretValue.of(secretId)), null);
    assertFailed(unresolvable, CheckErrorCode.VAULT_UNREACHABLE);
    assertTrue(unresolvable.error().message().contains("could not be resolved"), unresolvable.error().message());

    vault.respond("/v1/sys/health", request -> { });
    VaultClient impatient = VaultClient.create(vertx, LoopbackVault.allowed().withRequestTimeoutMs(300));
    try {
      CheckResult silent = ConnectionCheck.create(impatient).check(target(), null).await();
      assertFailed(silent, CheckErrorCode.VAULT_UNREACHABLE);
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
    CheckResult result = run(target(), null);
    assertFailed(result, CheckErrorCode.VAULT_ERROR);
    assertTrue(result.error().message().contains("redirect (307)"), result.error().message());
    assertEquals(1, vault.requests().size(), "the Location was never requested");
  }

  @Test
  void serverErrorsAndForeignAnswersAreVaultErrors() {
    vault.respond("/v1/auth/approle/login", request -> request.response().setStatusCode(500)
      .putHeader("Content-Type", "application/json").end("{\"errors\":[\"storage backend unavailable\"]}"));
    CheckResult failedLogin = run(target(), null);
    assertFailed(failedLogin, CheckErrorCode.VAULT_ERROR);
    assertTrue(failedLogin.error().message().contains("storage backend unavailable"), failedLogin.error().message());

    vault.respond("/v1/sys/health", request -> request.response().setStatusCode(200)
      .putHeader("Content-Type", "text/html").end("<html>welcome</html>"));
    assertFailed(run(target(), null), CheckErrorCode.VAULT_ERROR);
  }

  @Test
  void oversizedAnswersAreCutOff() {
    String big = "{\"pad\":\"" + "x".repeat(VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES) + "\"}";
    vault.respond("/v1/sys/health", request -> request.response().setStatusCode(200).end(big));
    CheckResult declared = run(target(), null);
    assertFailed(declared, CheckErrorCode.VAULT_ERROR);
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
    CheckResult streamed = run(target(), null);
    assertFailed(streamed, CheckErrorCode.VAULT_ERROR);
    assertTrue(streamed.error().message().contains("over"), streamed.error().message());
  }

  @Test
  void aPathPrefixIsKeptBeforeV1() {
    vault.pathPrefix("/vault");
    CheckResult result = run(VaultTarget.approle(vault.url() + "/vault/", ROLE_ID, SecretValue.of(secretId)),
      "secret/data/app/db");
    assertTrue(result.ok(), result.toString());
    assertTrue(vault.requests().stream().allMatch(r -> r.path().startsWith("/vault/v1/")));
  }

  @Test
  void theResultSerialisesAsTheApiShowsIt() {
    vault.mode(Mode.STANDBY);
    CheckResult result = run(target(), "secret/data/app/missing");
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
