package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.TestPki;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.ROLE_ID;
import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.assertFailed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-integration TLS: the CA bundle is trusted exactly, and tlsServerName replaces the URL host for the check. */
@ExtendWith(VertxExtension.class)
class TlsTest {

  final String secretId = "secret-tls-" + UUID.randomUUID();
  VaultClient client;
  ConnectionTest check;
  VaultEmulator vault;

  @BeforeEach
  void start(Vertx vertx) {
    client = VaultClient.create(vertx, LoopbackVault.allowed());
    check = ConnectionTest.create(client);
    vault = VaultEmulator.start(vertx);
    ConnectionTestOutcomesTest.fixture(vault, secretId, "unused");
  }

  @AfterEach
  void stop() {
    client.close().await();
    vault.close();
  }

  VaultTarget target(String address) {
    return Targets.approle(address, ROLE_ID, SecretValue.of(secretId));
  }

  @Test
  void theCaBundleMakesTlsPassAndItsAbsenceMakesItFail() {
    ConnectionTestResult trusted = check.run(Targets.from(target(vault.tlsUrl())).caCertificate(vault.caPem()).build(),
      "secret/data/app/db").await();
    assertTrue(trusted.ok(), trusted.toString());
    assertTrue(vault.requests().stream().allMatch(r -> r.tls()));

    ConnectionTestResult untrusted = check.run(target(vault.tlsUrl()), null).await();
    assertFailed(untrusted, VaultErrorCode.VAULT_TLS_ERROR);
    assertTrue(untrusted.error().message().contains("not trusted"), untrusted.error().message());
    assertTrue(untrusted.error().hint().contains("caCertificate"), untrusted.error().hint());
    assertEquals(6, vault.requests().size(), "nothing was sent over the untrusted connection");
  }

  @Test
  void aBundleOfAnotherCaIsTrustedExactlyAndSoFails() {
    String otherCa = TestPki.createAuthority("someone else").certificatePem();
    ConnectionTestResult result = check.run(Targets.from(target(vault.tlsUrl())).caCertificate(otherCa).build(), null).await();
    assertFailed(result, VaultErrorCode.VAULT_TLS_ERROR);
    assertTrue(vault.requests().isEmpty());

    ConnectionTestResult both = check.run(Targets.from(target(vault.tlsUrl())).caCertificate(otherCa + vault.caPem()).build(), null).await();
    assertTrue(both.ok(), "any certificate of the bundle may anchor the chain: " + both);
  }

  @Test
  void aNameMismatchFailsAndTlsServerNameFixesIt(Vertx vertx) {
    try (VaultEmulator internal = VaultEmulator.start(vertx,
      VaultEmulator.Options.defaults().withTlsNames("vault.internal.test"))) {
      ConnectionTestOutcomesTest.fixture(internal, secretId, "unused");
      VaultTarget byIp = Targets.from(target(internal.tlsUrl())).caCertificate(internal.caPem()).build();

      ConnectionTestResult mismatch = check.run(byIp, null).await();
      assertFailed(mismatch, VaultErrorCode.VAULT_TLS_ERROR);
      assertTrue(mismatch.error().message().contains("not valid for the name '127.0.0.1'"),
        mismatch.error().message());
      assertTrue(mismatch.error().hint().contains("tlsServerName"), mismatch.error().hint());

      ConnectionTestResult fixed = check.run(Targets.from(byIp).tlsServerName("vault.internal.test").build(), "secret/data/app/db").await();
      assertTrue(fixed.ok(), fixed.toString());
      // the TLS name changed, the Host header did not: it still names the address the customer gave
      assertEquals("127.0.0.1:" + internal.tlsPort(), internal.requests().get(0).header("Host"));
    }
  }

  @Test
  void aWrongTlsServerNameIsAMismatch() {
    ConnectionTestResult result = check.run(Targets.from(target(vault.tlsUrl())).caCertificate(vault.caPem()).tlsServerName("vault.example.com").build(), null).await();
    assertFailed(result, VaultErrorCode.VAULT_TLS_ERROR);
    assertTrue(result.error().message().contains("'vault.example.com'"), result.error().message());
  }

  @Test
  void httpsAgainstAPlainListenerIsATlsError() {
    ConnectionTestResult result = check.run(target("https://127.0.0.1:" + vault.port()), null).await();
    assertFailed(result, VaultErrorCode.VAULT_TLS_ERROR);
  }
}
