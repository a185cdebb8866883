package io.scrapengine.vaultgateway.support.vault;

import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.FreePort;
import io.scrapengine.vaultgateway.vault.VaultClient;
import io.scrapengine.vaultgateway.vault.VaultResponse;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's emulator: its fixture answers the benchmark's calls, counts logins per role, keeps no requests. */
@ExtendWith(VertxExtension.class)
class EmulatorMainTest {

  private final String gatewaySecretId = "s.bench-gateway-" + UUID.randomUUID();
  private final String directSecretId = "s.bench-direct-" + UUID.randomUUID();

  @Test
  void theFixtureServesTheSecretToBothRolesAndCountsTheirLoginsApart(Vertx vertx) {
    int port = FreePort.find();
    VaultEmulator vault = EmulatorMain.start(vertx, new EmulatorMain.Settings(port, gatewaySecretId, directSecretId));
    VaultClient client = VaultClient.create(vertx, LoopbackVault.allowed());
    try {
      assertEquals("http://127.0.0.1:" + port, vault.url());
      VaultTarget gateway = target(vault, EmulatorMain.GATEWAY_ROLE_ID, gatewaySecretId);
      VaultTarget direct = target(vault, EmulatorMain.DIRECT_ROLE_ID, directSecretId);

      SecretValue token = login(client, gateway);
      JsonObject secret = client.read(gateway.settings(), token, "secret/data/bench/login").await().data();
      assertEquals("bench-user", secret.getJsonObject("data").getString("username"));
      assertFalse(secret.getJsonObject("data").getString("password").isEmpty());
      assertEquals(403, client.read(gateway.settings(), token, "secret/data/other/login").await().status(),
        "the policy grants the bench path only");
      login(client, direct);
      assertEquals(400, client.login(target(vault, EmulatorMain.DIRECT_ROLE_ID, "wrong")).await().status());

      assertEquals(1, vault.logins(EmulatorMain.GATEWAY_ROLE_ID));
      assertEquals(2, vault.logins(EmulatorMain.DIRECT_ROLE_ID), "refused logins count too");
      assertEquals(0, vault.logins("nobody"));
      assertEquals(5, vault.served());
      assertTrue(vault.requests().isEmpty(), "requests are counted, not kept");
    } finally {
      client.close().await();
      vault.close();
    }
  }

  @Test
  void settingsComeFromTheArgumentsAndTheEnvironment() {
    Map<String, String> env = Map.of("EMULATOR_PORT", "18290", "EMULATOR_GATEWAY_SECRET_ID", gatewaySecretId,
      "EMULATOR_DIRECT_SECRET_ID", directSecretId);
    assertEquals(new EmulatorMain.Settings(18290, gatewaySecretId, directSecretId),
      EmulatorMain.settings(new String[0], env));
    assertEquals(18291, EmulatorMain.settings(new String[] {"--port", "18291"}, env).port(), "--port wins");
    assertEquals(0, EmulatorMain.settings(new String[0], Map.of("EMULATOR_GATEWAY_SECRET_ID", gatewaySecretId,
      "EMULATOR_DIRECT_SECRET_ID", directSecretId)).port(), "any free port by default");

    assertRefused("EMULATOR_DIRECT_SECRET_ID is not set", new String[0],
      Map.of("EMULATOR_GATEWAY_SECRET_ID", gatewaySecretId));
    assertRefused("the port must be 0..65535, got 70000", new String[] {"--port", "70000"}, env);
    assertRefused("the port must be a number, got 'x'", new String[] {"--port", "x"}, env);
    assertRefused("unknown argument '--verbose'", new String[] {"--verbose"}, env);
    String text = EmulatorMain.settings(new String[0], env).toString();
    assertFalse(text.contains(gatewaySecretId) || text.contains(directSecretId), text);
  }

  private static void assertRefused(String message, String[] args, Map<String, String> env) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
      () -> EmulatorMain.settings(args, env));
    assertEquals(message, refused.getMessage());
  }

  private static VaultTarget target(VaultEmulator vault, String roleId, String secretId) {
    return Targets.approle(vault.url(), roleId, SecretValue.of(secretId));
  }

  private static SecretValue login(VaultClient client, VaultTarget target) {
    VaultResponse login = client.login(target).await();
    assertEquals(200, login.status());
    return SecretValue.of(login.auth().getString("client_token"));
  }
}
