package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator.Flavour;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator.Mode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How Vault and OpenBao really answer (each behaviour cites its upstream file in the emulator), and that the
 * client reads each answer right, against both flavours.
 */
class RealServerBehaviourTest {

  static final String ROLE_ID = "role-real";
  static final String TEAM = "admin/team";

  private final Vertx vertx = Vertx.vertx();
  private final String secretId = "s.real-" + UUID.randomUUID();
  private VaultEmulator vault;
  private VaultClient client;
  private WebClient web;

  private void start(Flavour flavour) {
    vault = VaultEmulator.start(vertx).flavour(flavour);
    vault.approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("app").ttlSeconds(10)
      .maxTtlSeconds(15));
    vault.policy("app", "secret/data/app/*", "read").policy("app", "secret/wide/*", "read")
      .policy("app", "kv/*", "read").policy("app", "legacy/*", "read");
    vault.kv2("secret").put("app/db", Map.of("password", "pw")).put("wide/x", Map.of("k", "v"));
    vault.kv1("kv").put("a", Map.of("k", "v"));
    vault.kv1WithVersionOption("legacy").put("a", Map.of("k", "v"));
    vault.namespace(TEAM).approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("team"))
      .policy("team", "secret/data/team/*", "read").kv2("secret").put("team/db", Map.of("password", "tp"));
    client = VaultClient.create(vertx, LoopbackVault.allowed());
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close().await();
    web.close();
    vault.close();
    vertx.close().await();
  }

  private VaultTarget target() {
    return Targets.approle(vault.url(), ROLE_ID, SecretValue.of(secretId));
  }

  private SecretValue login(VaultTarget target) {
    return SecretValue.of(client.login(target).await().auth().getString("client_token"));
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void healthIsARootEndpointSoATestInANamespaceNeedsNoExcuse(Flavour flavour) {
    start(flavour);
    HttpResponse<Buffer> inNamespace = web.getAbs(vault.url() + "/v1/sys/health").putHeader("X-Vault-Namespace", TEAM)
      .send().await();
    if (flavour == Flavour.OPENBAO) {
      assertEquals(400, inNamespace.statusCode());
      assertEquals("operation unavailable in namespaces", inNamespace.bodyAsJsonObject().getJsonArray("errors")
        .getString(0));
    } else {
      assertEquals(200, inNamespace.statusCode());
    }
    ConnectionTestResult result = ConnectionTest.create(client)
      .run(Targets.from(target()).namespace(TEAM).build(), "secret/data/team/db").await();
    assertTrue(result.ok(), result.toString());
    assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    assertFalse(result.vault() == null, "health was checked, in the root namespace");
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void anUnknownNamespaceIsNamedAsFarAsTheServerTells(Flavour flavour) {
    start(flavour);
    ConnectionTestResult result = ConnectionTest.create(client)
      .run(Targets.from(target()).namespace("admin/nope").build(), null).await();
    assertFalse(result.ok());
    if (flavour == Flavour.OPENBAO) {
      assertEquals(VaultErrorCode.NAMESPACE_NOT_FOUND, result.error().code(), result.toString());
    } else {
      // Vault Enterprise answers 403, as for a missing mount: the hint names the namespace
      assertEquals(VaultErrorCode.AUTH_MOUNT_NOT_FOUND, result.error().code(), result.toString());
      assertTrue(result.error().hint().contains("'admin/nope'"), result.error().hint());
    }
    assertTrue(result.error().message().contains("admin/nope"), result.error().message());
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void aRenewalPastTheMaxTtlIsCappedWithAWarningAndAFixedTokenIsNotRenewable(Flavour flavour) {
    start(flavour);
    VaultTarget target = target();
    SecretValue token = login(target);
    VaultResponse first = client.renewSelf(target.settings(), token, 10).await();
    assertEquals(200, first.status());
    assertEquals(10, first.auth().getLong("lease_duration"));
    assertTrue(first.warnings().isEmpty());

    vault.advanceClock(Duration.ofSeconds(8));
    VaultResponse capped = client.renewSelf(target.settings(), token, 10).await();
    assertEquals(200, capped.status());
    // what is left of the 15 s max TTL, counted in whole seconds as Vault does (the wall clock may tick once)
    long left = capped.auth().getLong("lease_duration");
    assertTrue(left == 7 || left == 6, "left: " + left);
    assertEquals("TTL of \"10s\" exceeded the effective max_ttl of \"" + left + "s\"; TTL value is capped"
      + " accordingly", capped.warnings().get(0));

    vault.approle("approle", role -> role.name("fixed").roleId("role-fixed").secretId(secretId).renewable(false));
    VaultTarget fixed = Targets.approle(vault.url(), "role-fixed", SecretValue.of(secretId));
    VaultResponse refused = client.renewSelf(fixed.settings(), login(fixed), 10).await();
    assertEquals(400, refused.status());
    assertEquals("lease is not renewable", refused.errors().get(0));
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void onlyOptionsVersion2MeansKvVersion2(Flavour flavour) {
    start(flavour);
    SecretValue token = login(target());
    VaultResponse v2 = client.mountOf(target().settings(), token, "secret/data/app/db").await();
    VaultResponse plain = client.mountOf(target().settings(), token, "kv/a").await();
    VaultResponse flagged = client.mountOf(target().settings(), token, "legacy/a").await();
    assertEquals("2", v2.data().getJsonObject("options").getString("version"));
    assertNull(plain.data().getValue("options"), "a plain kv mount reports no options");
    assertEquals("1", flagged.data().getJsonObject("options").getString("version"));
    assertEquals(2, MountInfo.from(v2).orElseThrow().kvVersion());
    assertEquals(1, MountInfo.from(plain).orElseThrow().kvVersion());
    assertEquals(1, MountInfo.from(flagged).orElseThrow().kvVersion());
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void aV1StylePathOnAV2MountMeetsTheAclFirstThenAWarning(Flavour flavour) {
    start(flavour);
    SecretValue token = login(target());
    VaultResponse denied = client.read(target().settings(), token, "secret/app/db").await();
    assertEquals(403, denied.status(), "the policy covers secret/data/app/*, not secret/app/*");
    assertEquals("1 error occurred:\n\t* permission denied\n\n", denied.errors().get(0));

    VaultResponse allowed = client.read(target().settings(), token, "secret/wide/x").await();
    assertEquals(404, allowed.status());
    assertFalse(allowed.body().containsKey("errors"), "a warning, not an error");
    String cli = flavour == Flavour.OPENBAO ? "'bao kv get'" : "'vault kv get'";
    assertTrue(allowed.warnings().get(0).contains(cli), allowed.warnings().toString());
    assertEquals(VaultErrorCode.KV_VERSION_MISMATCH, VaultAnswers.read(allowed, target().settings(), "secret/wide/x",
      Optional.empty(), java.util.List.of(), java.util.List.of()).orElseThrow().code());
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void fiveWrongSecretIdsLockTheRoleEvenAgainstTheRightOneButUnknownRolesDoNotCount(Flavour flavour) {
    start(flavour);
    for (int i = 0; i < 5; i++) {
      assertEquals(400, client.login(Targets.approle(vault.url(), "no-such-role", SecretValue.of(secretId)))
        .await().status());
    }
    assertEquals(200, client.login(target()).await().status(), "unknown role_ids are not counted");
    for (int i = 0; i < 5; i++) {
      assertEquals(400, client.login(Targets.approle(vault.url(), ROLE_ID, SecretValue.of("s.wrong-" + i)))
        .await().status());
    }
    VaultResponse locked = client.login(target()).await();
    assertEquals(403, locked.status(), "locked out, even with the right secret_id");
    assertEquals("permission denied", locked.errors().get(0));
    vault.advanceClock(Duration.ofMinutes(16));
    assertEquals(200, client.login(target()).await().status(), "unlocked once the lockout duration passed");
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void aSealedNodeIsSealedNotAStandby(Flavour flavour) {
    start(flavour);
    vault.mode(Mode.SEALED);
    HttpResponse<Buffer> health = web.getAbs(vault.url() + "/v1/sys/health").send().await();
    assertEquals(503, health.statusCode());
    JsonObject body = health.bodyAsJsonObject();
    assertTrue(body.getBoolean("standby"), "a sealed node says it is a standby");
    assertFalse(body.containsKey("cluster_name"), "and names no cluster");
    ConnectionTestResult result = ConnectionTest.create(client).run(target(), null).await();
    assertEquals(VaultErrorCode.VAULT_SEALED, result.error().code());
    assertFalse(result.vault().standby());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"DR_SECONDARY", "HA_UNHEALTHY", "REMOVED", "PERFORMANCE_STANDBY"})
  void vaultsOtherHealthCodesEachHaveTheirVerdict(Mode mode) {
    start(Flavour.VAULT);
    vault.mode(mode);
    ConnectionTestResult result = ConnectionTest.create(client).run(target(), null).await();
    switch (mode) {
      case DR_SECONDARY -> {
        assertEquals(VaultErrorCode.VAULT_ERROR, result.error().code());
        assertTrue(result.error().message().contains("472"), result.error().message());
      }
      case REMOVED -> {
        assertEquals(VaultErrorCode.VAULT_ERROR, result.error().code());
        assertTrue(result.error().message().contains("530"), result.error().message());
      }
      case HA_UNHEALTHY -> assertTrue(result.warnings().stream().anyMatch(w -> w.contains("474")), result.toString());
      default -> {
        assertTrue(result.ok(), result.toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("473")), result.toString());
      }
    }
  }
}
