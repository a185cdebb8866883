package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.ROLE_ID;
import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.TEAM_NAMESPACE;
import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.TEAM_ROLE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's individual calls, and the emulator behaving as Vault does for them. */
@ExtendWith(VertxExtension.class)
class VaultClientTest {

  final String secretId = "secret-client-" + UUID.randomUUID();
  final String teamSecretId = "secret-team-" + UUID.randomUUID();
  VaultEmulator vault;
  VaultClient client;

  @BeforeEach
  void start(Vertx vertx) {
    vault = VaultEmulator.start(vertx);
    ConnectionTestOutcomesTest.fixture(vault, secretId, teamSecretId);
    client = VaultClient.create(vertx, LoopbackVault.allowed());
  }

  @AfterEach
  void stop() {
    client.close().await();
    vault.close();
  }

  VaultTarget target() {
    return Targets.approle(vault.url(), ROLE_ID, SecretValue.of(secretId));
  }

  /** The Vault alone, as token-authenticated calls take it: they need no secret_id. */
  VaultSettings vault() {
    return target().settings();
  }

  SecretValue login(VaultTarget target) {
    VaultResponse login = client.login(target).await();
    assertEquals(200, login.status());
    return SecretValue.of(login.auth().getString("client_token"));
  }

  @Test
  void readsKvV2AndV1AsVaultShapesThem() {
    SecretValue token = login(target());
    JsonObject v2 = client.read(vault(), token, "secret/data/app/db").await().data();
    assertEquals("db-password", v2.getJsonObject("data").getString("password"));
    assertEquals(1, v2.getJsonObject("metadata").getInteger("version"));
    JsonObject v1 = client.read(vault(), token, "kv/app/db").await().data();
    assertEquals("db-password", v1.getString("password"));

    VaultResponse mount = client.mountOf(vault(), token, "secret/data/app/db").await();
    assertEquals(new MountInfo("secret/", "kv", 2), MountInfo.from(mount).orElseThrow());
    assertEquals(new MountInfo("kv/", "kv", 1), MountInfo.from(client.mountOf(vault(), token, "kv/app").await())
      .orElseThrow());
    assertEquals(403, client.mountOf(vault(), token, "nothing/here").await().status());
  }

  @Test
  void callsBeyondOneIntegrationsCapWaitForAConnectionInsteadOfFailing(Vertx vertx) {
    // several integrations may share one Vault address, each with its own in-flight cap; the shared pool must
    // queue what exceeds its connections, or the surplus would fail as if the Vault were down
    SecretValue token = login(target());
    vault.respond("/v1/secret/data/slow", request -> vertx.setTimer(100, id -> request.response()
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("data", new JsonObject().put("data", new JsonObject().put("k", "v"))).encode())));
    List<Future<VaultResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(client.read(vault(), token, "secret/data/slow"));
    }
    Future.join(calls).await();
    calls.forEach(call -> assertEquals(200, call.result().status()));
    assertEquals(100, vault.requests().stream().filter(r -> r.path().equals("/v1/secret/data/slow")).count());
  }

  @Test
  void tokensExpireAndRevokedTokensStopWorking() {
    SecretValue token = login(target());
    assertEquals(200, client.lookupSelf(vault(), token).await().status());
    vault.advanceClock(Duration.ofSeconds(3601));
    VaultResponse expired = client.lookupSelf(vault(), token).await();
    assertEquals(403, expired.status());
    assertEquals(List.of("permission denied"), expired.errors());

    SecretValue fresh = login(target());
    assertEquals(204, client.revokeSelf(vault(), fresh).await().status());
    assertEquals(403, client.read(vault(), fresh, "secret/data/app/db").await().status());
  }

  @Test
  void answersWithVaultsOwnErrorShapes() {
    assertEquals(List.of("invalid role or secret ID"),
      client.login(Targets.from(target()).secretId(SecretValue.of("wrong")).build()).await().errors());
    assertEquals(List.of("permission denied"), client.login(Targets.from(target()).authMount("nope").build()).await().errors());
    SecretValue token = login(target());
    assertEquals(List.of("1 error occurred:\n\t* permission denied\n\n"),
      client.read(vault(), token, "secret/data/other/x").await().errors());
    VaultResponse missing = client.read(vault(), token, "secret/data/app/missing").await();
    assertEquals(404, missing.status());
    assertEquals(List.of(), missing.errors());
    vault.mode(VaultEmulator.Mode.SEALED);
    VaultResponse sealed = client.read(vault(), token, "secret/data/app/db").await();
    assertEquals(503, sealed.status());
    assertEquals(List.of("Vault is sealed"), sealed.errors());
  }

  @Test
  void theNamespaceTravelsAsHeaderOnEveryCallAndTokensStayInTheirNamespace() {
    VaultTarget team = Targets.with(vault.url(), TEAM_ROLE_ID, SecretValue.of(teamSecretId))
      .namespace(TEAM_NAMESPACE).build();
    SecretValue token = login(team);
    assertEquals(200, client.read(team.settings(), token, "secret/data/team/db").await().status());
    assertEquals(204, client.revokeSelf(team.settings(), token).await().status());
    assertTrue(vault.requests().stream().allMatch(r -> TEAM_NAMESPACE.equals(r.namespace())));
    vault.clearRequests();
    assertEquals(200, client.health(team).await().status());
    assertNull(vault.requests().get(0).namespace(), "health is asked of the root namespace");

    // the same token without the namespace reaches the root namespace, where it means nothing
    SecretValue other = login(team);
    assertEquals(403, client.read(Targets.from(team).namespace("admin").build().settings(), other,
      "secret/data/team/db").await().status());
    assertEquals(403, client.lookupSelf(Targets.approle(vault.url(), TEAM_ROLE_ID,
      SecretValue.of(teamSecretId)).settings(), other).await().status());
  }

  @Test
  void aPooledConnectionMadeOnAnEventLoopServesCallsFromOtherThreads(Vertx vertx) {
    // the keep-alive connection belongs to the first caller's context; a later call from the test thread gets
    // another context, and its response handlers must still be in place before the answer is delivered
    for (int i = 0; i < 10; i++) {
      Promise<VaultResponse> onLoop = Promise.promise();
      vertx.getOrCreateContext().runOnContext(ignored -> client.health(target()).onComplete(onLoop));
      assertEquals(200, onLoop.future().await().status());
      assertEquals(200, client.health(target()).await().status());
    }
  }

  @Test
  void responsesAreReadWholeWhenCalledFromOutsideAnEventLoop() {
    // a multi-chunk body read from the test thread: handlers must be in place before the first chunk arrives
    vault.kv2("secret").put("app/big", Map.of("blob", "y".repeat(300_000)));
    SecretValue token = login(target());
    List<Future<VaultResponse>> reads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reads.add(client.read(vault(), token, "secret/data/app/big"));
    }
    for (Future<VaultResponse> read : reads) {
      assertEquals(300_000, read.await().data().getJsonObject("data").getString("blob").length());
    }
  }

  @Test
  void theEmulatorRenewsTokensAndAcceptsTheNamespacePathPrefix(Vertx vertx) {
    WebClient web = WebClient.create(vertx);
    try {
      // /v1/<namespace>/auth/... from the root namespace means the same as the X-Vault-Namespace header
      HttpResponse<Buffer> login = web.postAbs(vault.url() + "/v1/admin/team/auth/approle/login")
        .sendJsonObject(new JsonObject().put("role_id", TEAM_ROLE_ID).put("secret_id", teamSecretId)).await();
      assertEquals(200, login.statusCode());
      assertEquals(TEAM_NAMESPACE, vault.tokens().get(0).namespace());

      SecretValue token = login(target());
      vault.advanceClock(Duration.ofSeconds(1800));
      assertTrue(client.lookupSelf(vault(), token).await().data().getLong("ttl") <= 1800);
      HttpResponse<Buffer> renewed = web.postAbs(vault.url() + "/v1/auth/token/renew-self")
        .putHeader("X-Vault-Token", token.reveal()).send().await();
      assertEquals(200, renewed.statusCode());
      assertEquals(3600, renewed.bodyAsJsonObject().getJsonObject("auth").getLong("lease_duration"));
      assertTrue(client.lookupSelf(vault(), token).await().data().getLong("ttl") > 3500);
    } finally {
      web.close();
    }
  }

  @Test
  void healthAndLoginCarryNoTokenAndTheLoginBodyIsJson() {
    client.health(target()).await();
    login(target());
    RecordedRequest health = vault.requests().get(0);
    RecordedRequest loginRequest = vault.requests().get(1);
    assertFalse(health.hasToken());
    assertFalse(loginRequest.hasToken());
    assertNull(health.namespace());
    assertEquals("application/json", loginRequest.header("Content-Type"));
    assertEquals("true", loginRequest.header("X-Vault-Request"));
    JsonObject body = new JsonObject(loginRequest.body());
    assertEquals(ROLE_ID, body.getString("role_id"));
    assertEquals(secretId, body.getString("secret_id"));
  }
}
