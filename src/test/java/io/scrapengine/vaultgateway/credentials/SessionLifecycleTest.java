package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.EmulatedToken;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life of a Vault session, in real time against the emulator with short TTLs: renewal before expiry, a new
 * login before the max TTL or when tokens cannot be renewed, revocation when idle and on shutdown.
 */
class SessionLifecycleTest {

  static final int IDLE_SECONDS = 2;

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject()
    .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)
      .put("sessionIdleSeconds", IDLE_SECONDS)));

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static VaultEmulator vault;
  private static String admin;
  private static String runner;

  @BeforeAll
  static void startVault() {
    vault = VaultEmulator.start(ENV.vertx());
    vault.policy("sites", "secret/data/sites/*", "read")
      .kv2("secret").put("sites/acme", Map.of("username", "bot", "password", "pw"));
    admin = ENV.gateway().token("tenant-life", Credentials.WRITE + " " + TestGateway.WRITE);
    runner = ENV.gateway().token("tenant-life", Credentials.RESOLVE);
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  /** A role of its own (so the logins counted are this test's) and a credential reading through it. */
  private static Fixture fixture(TestGateway gateway, Consumer<EmulatedRole> role) {
    return fixture(gateway, admin, role);
  }

  private static Fixture fixture(TestGateway gateway, String admin, Consumer<EmulatedRole> role) {
    String roleId = "role-life-" + NAMES.incrementAndGet();
    String secretId = "s.life-" + UUID.randomUUID();
    vault.approle("approle", r -> {
      r.name(roleId).roleId(roleId).secretId(secretId).policies("sites");
      role.accept(r);
    });
    JsonObject body = Integrations.atVault("life-" + NAMES.incrementAndGet(), vault.url(), roleId, secretId);
    String integrationId = gateway.create(admin, body).getString("id");
    String credentialId = Credentials.create(gateway, admin, Credentials.body("life-" + NAMES.incrementAndGet(),
      integrationId, "secret/sites/acme")).getString("id");
    return new Fixture(roleId, credentialId);
  }

  private record Fixture(String roleId, String credentialId) {
  }

  private static List<RecordedRequest> logins(String roleId) {
    return vault.requests("/v1/auth/approle/login").stream().filter(r -> r.body().contains(roleId)).toList();
  }

  private static List<EmulatedToken> tokens(String roleId) {
    return vault.tokens().stream().filter(t -> t.roleName().equals(roleId)).toList();
  }

  /** Resolves every {@code everyMs} for {@code forMs}, asserting each answer is 200. */
  private static void keepResolving(TestGateway gateway, String credentialId, long everyMs, long forMs)
    throws InterruptedException {
    long end = System.currentTimeMillis() + forMs;
    while (System.currentTimeMillis() < end) {
      HttpResponse<Buffer> response = Credentials.resolve(gateway, runner, credentialId);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      Thread.sleep(everyMs);
    }
  }

  @Test
  void aSessionInUseIsRenewedBeforeItExpires() throws Exception {
    Fixture fixture = fixture(ENV.gateway(), role -> role.ttlSeconds(3));
    keepResolving(ENV.gateway(), fixture.credentialId(), 300, 4_500);

    assertEquals(1, logins(fixture.roleId()).size(), "renewed, never logged in again");
    EmulatedToken token = tokens(fixture.roleId()).get(0);
    long renewals = vault.requests("/v1/auth/token/renew-self").stream()
      .filter(r -> token.id().equals(r.header("X-Vault-Token"))).count();
    assertTrue(renewals >= 1, "renewed at about 2/3 of its 3 s TTL");
    assertFalse(token.revoked());
  }

  @Test
  void aRenewalCappedByTheMaxTtlLeadsToANewLoginBeforeTheTokenDies() throws Exception {
    // renewed at about 4 s, when only 4 s of the 8 s max TTL are left: capped, so a new login follows at about
    // 6.7 s, with more than a second to spare on a busy machine
    Fixture fixture = fixture(ENV.gateway(), role -> role.ttlSeconds(6).maxTtlSeconds(8));
    keepResolving(ENV.gateway(), fixture.credentialId(), 250, 9_000);

    List<RecordedRequest> logins = logins(fixture.roleId());
    assertTrue(logins.size() >= 2, "a new login took over from the capped token");
    assertTrue(logins.get(1).receivedAtMs() < logins.get(0).receivedAtMs() + 8_000,
      "before the first token reached its max TTL");
    assertTrue(tokens(fixture.roleId()).get(0).revoked(), "and the old token was revoked");
  }

  @Test
  void aTokenThatCannotBeRenewedIsReplacedBeforeItExpires() throws Exception {
    Fixture fixture = fixture(ENV.gateway(), role -> role.ttlSeconds(4).renewable(false));
    keepResolving(ENV.gateway(), fixture.credentialId(), 250, 5_000);

    List<RecordedRequest> logins = logins(fixture.roleId());
    assertTrue(logins.size() >= 2, logins.toString());
    assertTrue(logins.get(1).receivedAtMs() < logins.get(0).receivedAtMs() + 4_000, "before the 4 s TTL ran out");
    List<EmulatedToken> tokens = tokens(fixture.roleId());
    assertTrue(vault.requests("/v1/auth/token/renew-self").stream()
      .noneMatch(r -> tokens.stream().anyMatch(t -> t.id().equals(r.header("X-Vault-Token")))),
      "no renewal of a token Vault says is not renewable");
  }

  @Test
  void anIdleSessionIsRevokedAndDropped() throws Exception {
    Fixture fixture = fixture(ENV.gateway(), role -> role.ttlSeconds(3600));
    keepResolving(ENV.gateway(), fixture.credentialId(), 10, 50);
    EmulatedToken token = tokens(fixture.roleId()).get(0);
    long deadline = System.currentTimeMillis() + 10_000;
    while (!token.revoked() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(token.revoked(), "revoked after " + IDLE_SECONDS + " s unused");

    keepResolving(ENV.gateway(), fixture.credentialId(), 10, 50);
    assertEquals(2, logins(fixture.roleId()).size(), "the next resolve logs in again");
  }

  @Test
  void stoppingAnInstanceRevokesItsSessions() {
    TestDatabase database = ENV.database();
    // a gateway is a Vert.x of its own, as in production (two in one Vert.x would share event-bus addresses)
    Vertx own = Vertx.vertx();
    TestGateway second = TestGateway.startBeside(ENV.gateway(), own, database, new JsonObject()
      .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)));
    Fixture fixture;
    try {
      fixture = fixture(second, second.token("tenant-life", Credentials.WRITE + " " + TestGateway.WRITE),
        role -> role.ttlSeconds(3600));
      HttpResponse<Buffer> response = Credentials.resolve(second, second.token("tenant-life", Credentials.RESOLVE),
        fixture.credentialId());
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertFalse(tokens(fixture.roleId()).get(0).revoked());
    } finally {
      second.close();
      own.close().await();
    }
    assertTrue(tokens(fixture.roleId()).get(0).revoked(), "revoked on shutdown");
  }
}
