package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With the default (empty) allow-list, a customer's address that means this machine is refused before any
 * connection is opened, however it is spelled; only loopback spellings are used, and the emulator proves
 * nothing reached it.
 */
class OutboundGuardApiTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static VaultEmulator vault;

  @BeforeAll
  static void startVault() {
    vault = VaultEmulator.start(ENV.vertx());
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  @Test
  void loopbackSpellingsAreRefusedAndNothingReachesTheVault() {
    int port = vault.port();
    List<String> addresses = List.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://127.1:" + port,
      "http://2130706433:" + port, "http://0x7f000001:" + port, "http://017700000001:" + port,
      "http://0177.0.0.1:" + port, "http://127.0.0.1.:" + port, "http://[::1]:" + port,
      "http://[::ffff:127.0.0.1]:" + port, "http://[::ffff:7f00:1]:" + port, "http://0.0.0.0:" + port,
      "http://0:" + port);
    String token = ENV.gateway().token("tenant-guard", TestGateway.WRITE);
    vault.clearRequests();
    int connectionsBefore = vault.connections();

    for (String address : addresses) {
      JsonObject body = Integrations.named("guarded");
      body.getJsonObject("config").put("address", address);
      HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, INTEGRATIONS + "/test")
        .bearerTokenAuthentication(token).sendJsonObject(body).await();

      assertEquals(200, response.statusCode(), address + ": " + response.bodyAsString());
      JsonObject result = response.bodyAsJsonObject();
      assertFalse(result.getBoolean("ok"), address);
      assertEquals("ADDRESS_NOT_ALLOWED", result.getJsonObject("error").getString("code"), address);
    }

    assertEquals(List.of(), vault.requests(), "the emulator received nothing");
    assertEquals(connectionsBefore, vault.connections(), "not even a connection");
  }
}
