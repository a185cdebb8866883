package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mapping for answers the emulator does not give (older Vaults, OpenBao, proxies), so it stays robust
 * beyond the one Vault version the emulator imitates.
 */
class VaultAnswersTest {

  private static final String SECRET_ID = "7f3c9a2e-secret-id-canary";
  private static final VaultTarget TARGET = Targets.approle("https://vault.example.com", "role-1",
    SecretValue.of(SECRET_ID));
  private static final VaultSettings VAULT = TARGET.settings();
  private static final List<String> SECRETS = List.of(SECRET_ID);

  @Test
  void loginAnswersOfOlderVaultsAndProxies() {
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND,
      VaultAnswers.login(errors(400, "missing client token"), TARGET, SECRETS, false).code(), "Vault before 1.10");
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND,
      VaultAnswers.login(errors(404, "no handler for route \"auth/nope/login\""), TARGET, SECRETS, false).code());
    assertEquals(VaultErrorCode.AUTH_INVALID_CREDENTIALS,
      VaultAnswers.login(errors(400, "invalid role ID"), TARGET, SECRETS, false).code(), "Vault before 1.13");
    assertEquals(VaultErrorCode.AUTH_INVALID_CREDENTIALS, VaultAnswers.login(
      errors(500, "failed to validate credentials: invalid role_id \"__nope__\""), TARGET, SECRETS, false).code(),
      "Vault 0.10 answered 500");
    assertEquals(VaultErrorCode.VAULT_SEALED, VaultAnswers.login(errors(503, "Vault is sealed"), TARGET, SECRETS, false)
      .code());
    assertEquals(VaultErrorCode.VAULT_ERROR, VaultAnswers.login(errors(502), TARGET, SECRETS, false).code());
  }

  @Test
  void aSecretIdEchoedByVaultIsRedacted() {
    VaultProblem error = VaultAnswers.login(errors(400, "invalid secret_id \"" + SECRET_ID + "\""), TARGET, SECRETS, false);
    assertEquals(VaultErrorCode.AUTH_INVALID_CREDENTIALS, error.code());
    assertFalse(error.message().contains(SECRET_ID), error.message());
    assertTrue(error.message().contains("invalid secret_id \"[redacted]\""), error.message());
  }

  @Test
  void hintsMentionTheNamespace() {
    VaultProblem withoutNamespace = VaultAnswers.login(errors(400, "invalid role or secret ID"), TARGET, SECRETS, false);
    assertTrue(withoutNamespace.hint().contains("namespace"), withoutNamespace.hint());
    VaultProblem withNamespace = VaultAnswers.login(errors(403, "permission denied"),
      Targets.from(TARGET).namespace("admin/tem").build(), SECRETS, false);
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND, withNamespace.code());
    assertTrue(withNamespace.hint().contains("'admin/tem'"), withNamespace.hint());
  }

  @Test
  void healthIsARootEndpointSoA400IsNeverExcused() {
    // the client asks sys/health in the root namespace (OpenBao refuses it in any other): a 400 is a real fault
    VaultAnswers.Health health = VaultAnswers.health(errors(400, "operation unavailable in namespaces"),
      Targets.from(TARGET).namespace("team").build(), SECRETS);
    assertEquals(VaultErrorCode.VAULT_ERROR, health.error().orElseThrow().code());
    assertTrue(health.warning().isEmpty());
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.health(errors(400, "bad"), TARGET, SECRETS).error().orElseThrow().code());
  }

  @Test
  void everyHealthCodeHasItsOwnVerdict() {
    JsonObject sealedBody = new JsonObject().put("initialized", true).put("sealed", true).put("standby", true);
    VaultAnswers.Health sealed = VaultAnswers.health(response(503, sealedBody), TARGET, SECRETS);
    assertEquals(VaultErrorCode.VAULT_SEALED, sealed.error().orElseThrow().code());
    assertFalse(sealed.vault().standby(), "a sealed node calls itself a standby; it is not one to report");
    JsonObject standbyBody = new JsonObject().put("initialized", true).put("sealed", false).put("standby", true)
      .put("cluster_name", "c");
    assertTrue(VaultAnswers.health(response(429, standbyBody), TARGET, SECRETS).vault().standby());
    assertTrue(VaultAnswers.health(response(473, standbyBody), TARGET, SECRETS).error().isEmpty());
    assertTrue(VaultAnswers.health(response(474, standbyBody), TARGET, SECRETS).warning().orElseThrow()
      .contains("474"));
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.health(response(472, standbyBody), TARGET, SECRETS).error().orElseThrow().code());
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.health(response(530, standbyBody), TARGET, SECRETS).error().orElseThrow().code());
    assertEquals(VaultErrorCode.VAULT_NOT_INITIALIZED, VaultAnswers.health(response(501,
      new JsonObject().put("initialized", false).put("sealed", true)), TARGET, SECRETS).error().orElseThrow().code());
  }

  @Test
  void anUnknownNamespaceIsNamedWhenTheServerSaysSo() {
    VaultTarget team = Targets.from(TARGET).namespace("admin/tem").build();
    // OpenBao: 404 namespace not found, on the login as on any call
    VaultProblem openBao = VaultAnswers.login(errors(404, "namespace not found"), team, SECRETS, false);
    assertEquals(VaultErrorCode.NAMESPACE_NOT_FOUND, openBao.code());
    assertTrue(openBao.message().contains("admin/tem"), openBao.message());
    assertEquals(VaultErrorCode.NAMESPACE_NOT_FOUND, VaultAnswers.read(errors(404, "namespace not found"),
      team.settings(), "secret/data/x", Optional.empty(), List.of(), SECRETS).orElseThrow().code());
    // Vault Enterprise: 403, as for a missing mount; the hint names the namespace
    VaultProblem vault = VaultAnswers.login(errors(403, "permission denied"), team, SECRETS, false);
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND, vault.code());
    assertTrue(vault.hint().contains("'admin/tem'"), vault.hint());
  }

  @Test
  void aForbiddenLoginRightAfterARefusalIsALockout() {
    VaultProblem locked = VaultAnswers.login(errors(403, "permission denied"), TARGET, SECRETS, true);
    assertEquals(VaultErrorCode.AUTH_LOCKED_OUT, locked.code());
    assertTrue(locked.hint().contains("sys/locked-users/"), locked.hint());
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND,
      VaultAnswers.login(errors(403, "permission denied"), TARGET, SECRETS, false).code());
  }

  @Test
  void a503FromAProxyIsNotASealedVault() {
    VaultResponse html = VaultResponse.of(503, Buffer.buffer("<html>Service Unavailable</html>"));
    VaultProblem error = VaultAnswers.health(html, TARGET, SECRETS).error().orElseThrow();
    assertEquals(VaultErrorCode.VAULT_ERROR, error.code());
    assertTrue(error.message().contains("not Vault's JSON"), error.message());
    VaultResponse rateLimit = VaultResponse.of(429, Buffer.buffer(""));
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.health(rateLimit, TARGET, SECRETS).error().orElseThrow().code());
  }

  @Test
  void readAnswers() {
    Optional<MountInfo> unknown = Optional.empty();
    VaultResponse versioned = response(404, new JsonObject().put("data", null)
      .put("warnings", new JsonArray().add("Invalid path for a versioned K/V secrets engine. See the API docs.")));
    assertEquals(VaultErrorCode.KV_VERSION_MISMATCH,
      VaultAnswers.read(versioned, VAULT, "secret/app", unknown, List.of(), SECRETS).orElseThrow().code());
    assertEquals(VaultErrorCode.PATH_NOT_FOUND,
      VaultAnswers.read(errors(404), VAULT, "secret/data/app", unknown, List.of(), SECRETS).orElseThrow().code());
    VaultProblem denied = VaultAnswers.read(errors(403, "1 error occurred:\n\t* permission denied\n\n"), VAULT,
      "secret/data/app", unknown, List.of("default", "app"), SECRETS).orElseThrow();
    assertEquals(VaultErrorCode.PERMISSION_DENIED, denied.code());
    assertTrue(denied.message().endsWith("(403: permission denied)."), denied.message());
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.read(errors(500, "internal error"), VAULT, "kv/app", unknown, List.of(), SECRETS).orElseThrow()
        .code());
    assertTrue(VaultAnswers.read(response(200, new JsonObject().put("data", new JsonObject().put("k", "v"))), VAULT,
      "kv/app", unknown, List.of(), SECRETS).isEmpty());
  }

  @Test
  void theMountTellsAV1PathOnAV2MountBeforeReading() {
    MountInfo v2 = new MountInfo("secret/", "kv", 2);
    VaultProblem mismatch = VaultAnswers.kvPathMismatch(v2, "secret/app/db").orElseThrow();
    assertEquals(VaultErrorCode.KV_VERSION_MISMATCH, mismatch.code());
    assertTrue(mismatch.hint().contains("'secret/data/app/db'"), mismatch.hint());
    assertTrue(VaultAnswers.kvPathMismatch(v2, "secret/metadata/app/db").orElseThrow().hint()
      .contains("'secret/data/app/db'"));
    assertTrue(VaultAnswers.kvPathMismatch(v2, "secret/data/app/db").isEmpty());
    assertTrue(VaultAnswers.kvPathMismatch(new MountInfo("kv/", "kv", 1), "kv/app/db").isEmpty());
  }

  @Test
  void vaultMessagesAreFlattenedRedactedAndBounded() {
    assertEquals("permission denied",
      VaultMessages.summarize(List.of("1 error occurred:\n\t* permission denied\n\n"), List.of()));
    assertEquals("a; b", VaultMessages.summarize(List.of("2 errors occurred:\n\t* a\n\t* b\n\n"), List.of()));
    assertEquals("token [redacted] is bad",
      VaultMessages.summarize(List.of("token hvs.CAESIJ3kM0aN2hF8b9cD7eF6gH5iJ4kL3mN2 is bad"), List.of()));
    assertEquals("old [redacted]",
      VaultMessages.summarize(List.of("old 0b5fa4c3-5d4a-4b2f-9c1e-1234567890ab"), List.of()));
    String longMessage = "x".repeat(5000);
    assertEquals(VaultMessages.MAX_LENGTH, VaultMessages.summarize(List.of(longMessage), List.of()).length());
    assertEquals("a b", VaultMessages.summarize(List.of("a\u0000\u001b[31mb"), List.of()).replace("[31m", ""));
  }

  private static VaultResponse errors(int status, String... messages) {
    return response(status, new JsonObject().put("errors", new JsonArray(List.of((Object[]) messages))));
  }

  private static VaultResponse response(int status, JsonObject body) {
    return VaultResponse.of(status, body.toBuffer());
  }
}
