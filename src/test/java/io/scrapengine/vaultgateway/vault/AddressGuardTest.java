package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.ROLE_ID;
import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.assertFailed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loopback in every spelling, against a live emulator: refused before any connection with the production guard,
 * reaching the emulator once an operator allows loopback. Only loopback addresses are ever contacted here.
 */
@ExtendWith(VertxExtension.class)
class AddressGuardTest {

  /** Hosts that all mean 127.0.0.1 (or ::1) to a socket. */
  static final List<String> LOOPBACK_SPELLINGS = List.of("localhost", "LOCALHOST", "vault.localhost", "127.0.0.1",
    "127.1", "127.0.1", "2130706433", "0x7f000001", "017700000001", "0177.0.0.1", "0x7f.1", "127.000.000.001",
    "127.0.0.1.", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]");

  /** Hosts that are not loopback but must never be contacted either. */
  static final List<String> NEVER = List.of("0.0.0.0", "0", "0x0", "[::]", "[::127.0.0.1]", "[64:ff9b::7f00:1]",
    "[::ffff:0.0.0.0]", "4294967296", "1.2.3.4.5", "256.0.0.1");

  final String secretId = "secret-guard-" + UUID.randomUUID();
  VaultEmulator vault;

  @BeforeEach
  void start(Vertx vertx) {
    vault = VaultEmulator.start(vertx);
    ConnectionTestOutcomesTest.fixture(vault, secretId, "unused");
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  ConnectionTestResult check(VaultClient client, String host) {
    VaultTarget target = Targets.approle("http://" + host + ":" + vault.port(), ROLE_ID, SecretValue.of(secretId));
    return ConnectionTest.create(client).run(target, null).await();
  }

  @Test
  void everySpellingOfLoopbackIsRefusedBeforeAnyConnection(Vertx vertx) {
    VaultClient client = VaultClient.create(vertx, LoopbackVault.guarded());
    try {
      for (String host : concat(LOOPBACK_SPELLINGS, NEVER, List.of("[::1]"))) {
        ConnectionTestResult result = check(client, host);
        assertFailed(result, VaultErrorCode.ADDRESS_NOT_ALLOWED);
        if (!NEVER.contains(host)) {
          assertTrue(result.error().message().contains("loopback"), result.error().message());
          assertTrue(result.error().hint().contains("VAULT_ALLOWED_CIDRS"), result.error().hint());
        }
      }
    } finally {
      client.close().await();
    }
    assertEquals(0, vault.connections(), "not even a TCP connection reached the emulator");
    assertTrue(vault.requests().isEmpty());
  }

  @Test
  void withLoopbackAllowedTheSameSpellingsReachTheEmulator(Vertx vertx) {
    VaultClient client = VaultClient.create(vertx, LoopbackVault.allowed());
    try {
      for (String host : LOOPBACK_SPELLINGS) {
        int before = vault.requests().size();
        ConnectionTestResult result = check(client, host);
        assertTrue(result.ok(), host + " -> " + result);
        assertEquals(before + 4, vault.requests().size(), host);
      }
      for (String host : NEVER) {
        assertFailed(check(client, host), VaultErrorCode.ADDRESS_NOT_ALLOWED);
      }
    } finally {
      client.close().await();
    }
    assertTrue(vault.tokens().stream().allMatch(t -> t.revoked()));
  }

  @Test
  void ipv6LoopbackReachesTheEmulatorWhenAllowed(Vertx vertx) {
    assumeTrue(vault.ipv6(), "this machine offers no ::1 listener");
    VaultClient client = VaultClient.create(vertx, LoopbackVault.allowed());
    try {
      ConnectionTestResult result = check(client, "[::1]");
      assertTrue(result.ok(), result.toString());
      assertEquals("[::1]:" + vault.port(), vault.requests().get(0).header("Host"));
    } finally {
      client.close().await();
    }
  }

  @Test
  void theHostHeaderKeepsTheNameWhileTheSocketGoesToTheVettedAddress(Vertx vertx) {
    VaultClient client = VaultClient.create(vertx, LoopbackVault.allowed());
    try {
      assertTrue(check(client, "localhost").ok());
      assertTrue(check(client, "0x7f000001").ok());
    } finally {
      client.close().await();
    }
    assertEquals("localhost:" + vault.port(), vault.requests().get(0).header("Host"));
    assertEquals("0x7f000001:" + vault.port(), vault.requests().get(4).header("Host"));
  }

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
