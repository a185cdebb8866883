package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.SecretValue;
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
  private static final List<String> SECRETS = List.of(SECRET_ID);

  @Test
  void loginAnswersOfOlderVaultsAndProxies() {
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND,
      VaultAnswers.login(errors(400, "missing client token"), TARGET, SECRETS).code(), "Vault before 1.10");
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND,
      VaultAnswers.login(errors(404, "no handler for route \"auth/nope/login\""), TARGET, SECRETS).code());
    assertEquals(VaultErrorCode.AUTH_INVALID_CREDENTIALS,
      VaultAnswers.login(errors(400, "invalid role ID"), TARGET, SECRETS).code(), "Vault before 1.13");
    assertEquals(VaultErrorCode.AUTH_INVALID_CREDENTIALS, VaultAnswers.login(
      errors(500, "failed to validate credentials: invalid role_id \"__nope__\""), TARGET, SECRETS).code(),
      "Vault 0.10 answered 500");
    assertEquals(VaultErrorCode.VAULT_SEALED, VaultAnswers.login(errors(503, "Vault is sealed"), TARGET, SECRETS)
      .code());
    assertEquals(VaultErrorCode.VAULT_ERROR, VaultAnswers.login(errors(502), TARGET, SECRETS).code());
  }

  @Test
  void aSecretIdEchoedByVaultIsRedacted() {
    VaultProblem error = VaultAnswers.login(errors(400, "invalid secret_id \"" + SECRET_ID + "\""), TARGET, SECRETS);
    assertEquals(VaultErrorCode.AUTH_INVALID_CREDENTIALS, error.code());
    assertFalse(error.message().contains(SECRET_ID), error.message());
    assertTrue(error.message().contains("invalid secret_id \"[redacted]\""), error.message());
  }

  @Test
  void hintsMentionTheNamespace() {
    VaultProblem withoutNamespace = VaultAnswers.login(errors(400, "invalid role or secret ID"), TARGET, SECRETS);
    assertTrue(withoutNamespace.hint().contains("namespace"), withoutNamespace.hint());
    VaultProblem withNamespace = VaultAnswers.login(errors(403, "permission denied"),
      Targets.from(TARGET).namespace("admin/tem").build(), SECRETS);
    assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND, withNamespace.code());
    assertTrue(withNamespace.hint().contains("'admin/tem'"), withNamespace.hint());
  }

  @Test
  void healthInsideANamespaceMayBeRefusedWithoutFailingTheCheck() {
    VaultAnswers.Health health = VaultAnswers.health(errors(400, "operation unavailable in namespaces"),
      Targets.from(TARGET).namespace("team").build(), SECRETS);
    assertTrue(health.error().isEmpty());
    assertTrue(health.warning().orElseThrow().contains("namespace"));
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.health(errors(400, "bad"), TARGET, SECRETS).error().orElseThrow().code());
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
      VaultAnswers.read(versioned, "secret/app", unknown, List.of(), SECRETS).orElseThrow().code());
    assertEquals(VaultErrorCode.PATH_NOT_FOUND,
      VaultAnswers.read(errors(404), "secret/data/app", unknown, List.of(), SECRETS).orElseThrow().code());
    VaultProblem denied = VaultAnswers.read(errors(403, "1 error occurred:\n\t* permission denied\n\n"),
      "secret/data/app", unknown, List.of("default", "app"), SECRETS).orElseThrow();
    assertEquals(VaultErrorCode.PERMISSION_DENIED, denied.code());
    assertTrue(denied.message().endsWith("(403: permission denied)."), denied.message());
    assertEquals(VaultErrorCode.VAULT_ERROR,
      VaultAnswers.read(errors(500, "internal error"), "kv/app", unknown, List.of(), SECRETS).orElseThrow().code());
    assertTrue(VaultAnswers.read(response(200, new JsonObject().put("data", new JsonObject().put("k", "v"))),
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
