package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.RecordedRequest;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator.Flavour;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway never locks a customer's AppRole out: Vault and OpenBao lock a role for 15 minutes after 5 wrong
 * secret_ids, and under load a wrong secretId would otherwise be sent by every resolve and test at once.
 */
class LockoutTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.reachingLoopbackVaults();

  private static final AtomicInteger NAMES = new AtomicInteger();

  private record Fixture(VaultEmulator vault, EmulatedRole role, String roleId, String rightSecret,
                         String integrationId, String credentialId, String admin, String runner) {
  }

  private static Fixture fixture(Flavour flavour, String registeredSecret, String rightSecret) {
    VaultEmulator vault = VaultEmulator.start(ENV.vertx()).flavour(flavour);
    String roleId = "role-lock-" + NAMES.incrementAndGet();
    EmulatedRole[] role = new EmulatedRole[1];
    vault.approle("approle", r -> role[0] = r.roleId(roleId).secretId(rightSecret).policies("sites"))
      .policy("sites", "secret/data/sites/*", "read")
      .kv2("secret").put("sites/acme", Map.of("username", "bot", "password", "pw"));
    String tenant = "tenant-lock-" + NAMES.incrementAndGet();
    String admin = ENV.gateway().token(tenant, Credentials.WRITE + " " + TestGateway.WRITE);
    JsonObject body = Integrations.atVault("lock-" + NAMES.incrementAndGet(), vault.url(), roleId, registeredSecret);
    String integrationId = ENV.gateway().create(admin, body).getString("id");
    String credentialId = Credentials.create(ENV.gateway(), admin, Credentials.body("c", integrationId,
      "secret/sites/acme")).getString("id");
    return new Fixture(vault, role[0], roleId, rightSecret, integrationId, credentialId, admin,
      ENV.gateway().token(tenant, Credentials.RESOLVE));
  }

  private static long loginsWith(VaultEmulator vault, String secret) {
    return vault.requests("/v1/auth/approle/login").stream().filter(r -> r.body().contains(secret)).count();
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void fiftyResolvesAndTenTestsWithAWrongSecretIdMakeOneFailedLogin(Flavour flavour) {
    String wrong = "s.wrong-" + UUID.randomUUID();
    Fixture fixture = fixture(flavour, wrong, "s.right-" + UUID.randomUUID());
    try {
      TestGateway gateway = ENV.gateway();
      List<Future<HttpResponse<Buffer>>> resolves = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> tests = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        resolves.add(gateway.request(HttpMethod.POST, Credentials.PATH + "/" + fixture.credentialId() + "/resolve")
          .bearerTokenAuthentication(fixture.runner()).send());
        if (i % 5 == 0) {
          tests.add(gateway.request(HttpMethod.POST, INTEGRATIONS + "/" + fixture.integrationId() + "/test")
            .bearerTokenAuthentication(fixture.admin()).send());
        }
      }
      Future.all(resolves).await();
      Future.all(tests).await();

      assertEquals(1, loginsWith(fixture.vault(), wrong), "at most one failed login reached Vault");
      for (Future<HttpResponse<Buffer>> resolve : resolves) {
        HttpResponse<Buffer> response = resolve.result();
        assertEquals(502, response.statusCode(), response.bodyAsString());
        assertEquals("AUTH_INVALID_CREDENTIALS", response.bodyAsJsonObject().getString("code"));
        assertFalse(response.bodyAsString().contains(wrong));
      }
      for (Future<HttpResponse<Buffer>> test : tests) {
        JsonObject result = test.result().bodyAsJsonObject();
        assertEquals(200, test.result().statusCode(), result.encode());
        assertEquals("AUTH_INVALID_CREDENTIALS", result.getJsonObject("error").getString("code"), result.encode());
      }
      String told = Credentials.resolve(gateway, fixture.runner(), fixture.credentialId()).bodyAsJsonObject()
        .getString("detail");
      assertTrue(told.contains("does not send them again before"), told);

      HttpResponse<Buffer> fixed = gateway.patch(INTEGRATIONS + "/" + fixture.integrationId(), fixture.admin(), null,
        new JsonObject().put("config", new JsonObject().put("secretId", fixture.rightSecret())));
      assertEquals(200, fixed.statusCode(), fixed.bodyAsString());
      HttpResponse<Buffer> resolved = Credentials.resolve(gateway, fixture.runner(), fixture.credentialId());
      assertEquals(200, resolved.statusCode(), "a new secretId is tried at once: " + resolved.bodyAsString());
    } finally {
      fixture.vault().close();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void aForbiddenLoginAfterARefusalIsReportedAsALockout(Flavour flavour) {
    String wrong = "s.wrong-" + UUID.randomUUID();
    Fixture fixture = fixture(flavour, wrong, "s.right-" + UUID.randomUUID());
    WebClient direct = WebClient.create(ENV.vertx());
    try {
      TestGateway gateway = ENV.gateway();
      assertEquals(502, Credentials.resolve(gateway, fixture.runner(), fixture.credentialId()).statusCode());
      // the customer's own scripts try four more wrong secret_ids: Vault locks the role
      for (int i = 0; i < 4; i++) {
        direct.postAbs(fixture.vault().url() + "/v1/auth/approle/login").sendJsonObject(new JsonObject()
          .put("role_id", fixture.roleId()).put("secret_id", "s.guess-" + i)).await();
      }
      HttpResponse<Buffer> locked = direct.postAbs(fixture.vault().url() + "/v1/auth/approle/login")
        .sendJsonObject(new JsonObject().put("role_id", fixture.roleId()).put("secret_id", fixture.rightSecret()))
        .await();
      assertEquals(403, locked.statusCode(), "the emulator locks the role, right secret or not");

      assertEquals(200, gateway.patch(INTEGRATIONS + "/" + fixture.integrationId(), fixture.admin(), null,
        new JsonObject().put("config", new JsonObject().put("secretId", fixture.rightSecret()))).statusCode());
      HttpResponse<Buffer> response = Credentials.resolve(gateway, fixture.runner(), fixture.credentialId());
      assertEquals(502, response.statusCode(), response.bodyAsString());
      JsonObject problem = response.bodyAsJsonObject();
      assertEquals("AUTH_LOCKED_OUT", problem.getString("code"), problem.encode());
      assertTrue(problem.getJsonObject("error").getString("hint").contains("unlock"));
    } finally {
      direct.close();
      fixture.vault().close();
    }
  }

  @ParameterizedTest
  @EnumSource(Flavour.class)
  void aSecretIdVaultEchoesBackIsRedactedEverywhere(Flavour flavour) {
    String secret = "s.echo-" + UUID.randomUUID();
    Fixture fixture = fixture(flavour, secret, "s.unused-" + UUID.randomUUID());
    try {
      fixture.role().secretId(secret, 1).loseNumUsesRace();
      // the one use goes to a direct login; the gateway's login then loses the num-uses race
      WebClient direct = WebClient.create(ENV.vertx());
      direct.postAbs(fixture.vault().url() + "/v1/auth/approle/login").sendJsonObject(new JsonObject()
        .put("role_id", fixture.roleId()).put("secret_id", secret)).await();
      direct.close();
      HttpResponse<Buffer> response = Credentials.resolve(ENV.gateway(), fixture.runner(), fixture.credentialId());
      assertEquals(502, response.statusCode(), response.bodyAsString());
      assertFalse(response.bodyAsString().contains(secret), response.bodyAsString());
      assertTrue(response.bodyAsString().contains("[redacted]"), response.bodyAsString());
      String audit = ENV.database().queryString("SELECT coalesce(string_agg(t::text, '|'), '') FROM audit_events t");
      assertFalse(audit.contains(secret));
    } finally {
      fixture.vault().close();
    }
  }
}
