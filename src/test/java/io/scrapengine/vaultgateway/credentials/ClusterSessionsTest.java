package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TwoGateways;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.EmulatedToken;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database, each with its own sessions: what one changes, the other's session learns through
 * PostgreSQL (LISTEN/NOTIFY for changes, the refusal record for refused credentials).
 */
class ClusterSessionsTest {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static TwoGateways pair;
  private static TestGateway a;
  private static TestGateway b;
  private static VaultEmulator vault;

  @BeforeAll
  static void start() {
    pair = TwoGateways.start(new JsonObject().put("vault", new JsonObject()
      .put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)));
    a = pair.a();
    b = pair.b();
    vault = VaultEmulator.start(pair.vertx());
    vault.policy("sites", "secret/data/sites/*", "read")
      .kv2("secret").put("sites/acme", Map.of("username", "bot", "password", "pw"));
  }

  @AfterAll
  static void stop() {
    vault.close();
    pair.close();
  }

  private record Fixture(String roleId, EmulatedRole role, String integrationId, String credentialId,
                         String admin, String runner) {
  }

  private static Fixture fixture(String secretId) {
    String roleId = "role-cluster-" + NAMES.incrementAndGet();
    EmulatedRole[] role = new EmulatedRole[1];
    vault.approle("approle", r -> role[0] = r.name(roleId).roleId(roleId).secretId(secretId).policies("sites"));
    String tenant = "tenant-cluster-" + NAMES.incrementAndGet();
    String admin = a.token(tenant, Credentials.WRITE + " " + TestGateway.WRITE);
    JsonObject body = Integrations.atVault("cluster-" + NAMES.incrementAndGet(), vault.url(), roleId, secretId);
    String integrationId = a.create(admin, body).getString("id");
    String credentialId = Credentials.create(a, admin, Credentials.body("c", integrationId, "secret/sites/acme"))
      .getString("id");
    return new Fixture(roleId, role[0], integrationId, credentialId, admin, a.token(tenant, Credentials.RESOLVE));
  }

  private static List<EmulatedToken> tokens(String roleId) {
    return vault.tokens().stream().filter(t -> t.roleName().equals(roleId)).toList();
  }

  private static List<RecordedRequest> logins(String roleId) {
    return vault.requests("/v1/auth/approle/login").stream().filter(r -> r.body().contains(roleId)).toList();
  }

  private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(condition.getAsBoolean(), what);
  }

  @Test
  void aNewSecretIdSetThroughOneInstanceIsUsedByTheOtherAtOnce() throws Exception {
    String oldSecret = "s.old-" + UUID.randomUUID();
    Fixture fixture = fixture(oldSecret);
    assertEquals(200, Credentials.resolve(b, fixture.runner(), fixture.credentialId()).statusCode());
    EmulatedToken first = tokens(fixture.roleId()).get(0);

    String newSecret = "s.new-" + UUID.randomUUID();
    fixture.role().secretId(newSecret).destroySecretId(oldSecret);
    HttpResponse<Buffer> patched = a.patch(INTEGRATIONS + "/" + fixture.integrationId(), fixture.admin(), null,
      new JsonObject().put("config", new JsonObject().put("secretId", newSecret)));
    assertEquals(200, patched.statusCode(), patched.bodyAsString());

    eventually(first::revoked, "instance B revoked the session built on the old secret_id");
    HttpResponse<Buffer> resolved = Credentials.resolve(b, fixture.runner(), fixture.credentialId());
    assertEquals(200, resolved.statusCode(), resolved.bodyAsString());
    List<RecordedRequest> logins = logins(fixture.roleId());
    assertEquals(2, logins.size());
    assertTrue(logins.get(1).body().contains(newSecret), "the second login used the new secret_id");
  }

  @Test
  void deletingTheIntegrationRevokesItsSessionOnEveryInstance() throws Exception {
    Fixture fixture = fixture("s.delete-" + UUID.randomUUID());
    assertEquals(200, Credentials.resolve(b, fixture.runner(), fixture.credentialId()).statusCode());
    EmulatedToken token = tokens(fixture.roleId()).get(0);
    assertFalse(token.revoked());

    assertEquals(204, a.delete(Credentials.PATH + "/" + fixture.credentialId(), fixture.admin(), null).statusCode());
    assertEquals(204, a.delete(INTEGRATIONS + "/" + fixture.integrationId(), fixture.admin(), null).statusCode());

    eventually(token::revoked, "instance B revoked the deleted integration's token");
  }

  @Test
  void credentialsRefusedOnOneInstanceAreNotSentByTheOther() {
    Fixture fixture = fixture("s.right-" + UUID.randomUUID());
    String wrong = "s.wrong-" + UUID.randomUUID();
    assertEquals(200, a.patch(INTEGRATIONS + "/" + fixture.integrationId(), fixture.admin(), null,
      new JsonObject().put("config", new JsonObject().put("secretId", wrong))).statusCode());

    HttpResponse<Buffer> onA = Credentials.resolve(a, fixture.runner(), fixture.credentialId());
    assertEquals(502, onA.statusCode(), onA.bodyAsString());
    assertEquals("AUTH_INVALID_CREDENTIALS", onA.bodyAsJsonObject().getString("code"));
    HttpResponse<Buffer> onB = Credentials.resolve(b, fixture.runner(), fixture.credentialId());
    assertEquals(502, onB.statusCode(), onB.bodyAsString());
    String detail = onB.bodyAsJsonObject().getString("detail");
    assertTrue(detail.contains("does not send them again before"), detail);
    assertEquals(1, logins(fixture.roleId()).stream().filter(r -> r.body().contains(wrong)).count(),
      "one failed login in the whole cluster");
  }
}
