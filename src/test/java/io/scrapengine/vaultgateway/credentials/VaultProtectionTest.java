package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer's Vault protected from the gateway, and callers from a failing Vault: a deadline per call (504),
 * a cap on calls in flight with a bounded queue (503 beyond), and a circuit that stops calling a Vault that keeps
 * failing (503 with Retry-After) until a probe gets through.
 */
class VaultProtectionTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject()
    .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)
      .put("requestTimeoutMs", 400).put("circuitFailures", 2).put("circuitOpenSeconds", 1)
      .put("maxInFlight", 1).put("queueSize", 1)));

  private static final AtomicInteger NAMES = new AtomicInteger();
  private VaultEmulator vault;
  private String credentialId;
  private String runner;

  @BeforeEach
  void fixture() {
    vault = VaultEmulator.start(ENV.vertx());
    String secret = "s.protect-" + UUID.randomUUID();
    vault.approle("approle", r -> r.roleId("role-protect").secretId(secret).policies("sites"))
      .policy("sites", "secret/data/sites/*", "read")
      .kv2("secret").put("sites/acme", Map.of("username", "bot", "password", "pw"));
    String tenant = "tenant-protect-" + NAMES.incrementAndGet();
    String admin = ENV.gateway().token(tenant, Credentials.WRITE + " " + TestGateway.WRITE);
    JsonObject body = Integrations.atVault("protect-" + NAMES.incrementAndGet(), vault.url(), "role-protect", secret);
    String integrationId = ENV.gateway().create(admin, body).getString("id");
    credentialId = Credentials.create(ENV.gateway(), admin, Credentials.body("c", integrationId, "secret/sites/acme"))
      .getString("id");
    runner = ENV.gateway().token(tenant, Credentials.RESOLVE);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private HttpResponse<Buffer> resolve() {
    return Credentials.resolve(ENV.gateway(), runner, credentialId);
  }

  @Test
  void aVaultThatDoesNotAnswerIsA504ThenTheCircuitOpensAndAProbeClosesIt() throws Exception {
    vault.respond("/v1/", request -> { });
    for (int i = 0; i < 2; i++) {
      HttpResponse<Buffer> timedOut = resolve();
      assertEquals(504, timedOut.statusCode(), timedOut.bodyAsString());
      assertEquals("VAULT_UNREACHABLE", timedOut.bodyAsJsonObject().getString("code"));
    }
    int calls = vault.requests().size();

    HttpResponse<Buffer> held = resolve();
    assertEquals(503, held.statusCode(), held.bodyAsString());
    assertEquals("SERVICE_UNAVAILABLE", held.bodyAsJsonObject().getString("code"));
    assertTrue(Integer.parseInt(held.getHeader("Retry-After")) >= 1);
    assertEquals(calls, vault.requests().size(), "an open circuit does not call the Vault");

    vault.clearResponders();
    Thread.sleep(1_100);
    HttpResponse<Buffer> probe = resolve();
    assertEquals(200, probe.statusCode(), "the half-open probe got through: " + probe.bodyAsString());
    assertEquals(200, resolve().statusCode(), "and the circuit is closed again");
  }

  @Test
  void beyondTheInFlightCapAndItsQueueCallsAreRefusedAtOnce() {
    assertEquals(200, resolve().statusCode(), "a session exists, so only reads are slow below");
    vault.respond("/v1/secret/data/sites/acme", request -> ENV.vertx().setTimer(300, id -> request.response()
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("data", new JsonObject().put("data", new JsonObject().put("username", "bot")
        .put("password", "pw")).put("metadata", new JsonObject().put("version", 1))).encode())));
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(ENV.gateway().request(HttpMethod.POST, Credentials.PATH + "/" + credentialId + "/resolve")
        .bearerTokenAuthentication(runner).send());
    }
    Future.all(calls).await();
    long served = calls.stream().filter(call -> call.result().statusCode() == 200).count();
    long shed = calls.stream().filter(call -> call.result().statusCode() == 503).count();
    assertEquals(2, served, "one in flight and one queued");
    assertEquals(3, shed);
    calls.stream().filter(call -> call.result().statusCode() == 503).forEach(call -> {
      assertEquals("1", call.result().getHeader("Retry-After"));
      assertTrue(call.result().bodyAsJsonObject().getString("detail").contains("waiting"));
    });
  }
}
