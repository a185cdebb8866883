package io.scrapengine.vaultgateway.vault;

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

import static io.scrapengine.vaultgateway.vault.ConnectionCheckTest.ROLE_ID;
import static io.scrapengine.vaultgateway.vault.ConnectionCheckTest.assertFailed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-integration TLS: the CA bundle is trusted exactly, and tlsServerName replaces the URL host for the check. */
@ExtendWith(VertxExtension.class)
class TlsTest {

  final String secretId = "secret-tls-" + UUID.randomUUID();
  VaultClient client;
  ConnectionCheck check;
  VaultEmulator vault;

  @BeforeEach
  void start(Vertx vertx) {
    client = VaultClient.create(vertx, LoopbackVault.allowed());
    check = ConnectionCheck.create(client);
    vault = VaultEmulator.start(vertx);
    ConnectionCheckTest.fixture(vault, secretId, "unused");
  }

  @AfterEach
  void stop() {
    client.close().await();
    vault.close();
  }

  VaultTarget target(String address) {
    return VaultTarget.approle(address, ROLE_ID, SecretValue.of(secretId));
  }

  @Test
  void theCaBundleMakesTlsPassAndItsAbsenceMakesItFail() {
    CheckResult trusted = check.check(target(vault.tlsUrl()).withCaCertificate(vault.caPem()),
      "secret/data/app/db").await();
    assertTrue(trusted.ok(), trusted.toString());
    assertTrue(vault.requests().stream().allMatch(r -> r.tls()));

    CheckResult untrusted = check.check(target(vault.tlsUrl()), null).await();
    assertFailed(untrusted, CheckErrorCode.VAULT_TLS_ERROR);
    assertTrue(untrusted.error().message().contains("not trusted"), untrusted.error().message());
    assertTrue(untrusted.error().hint().contains("caCertificate"), untrusted.error().hint());
    assertEquals(6, vault.requests().size(), "nothing was sent over the untrusted connection");
  }

  @Test
  void aBundleOfAnotherCaIsTrustedExactlyAndSoFails() {
    String otherCa = TestPki.createAuthority("someone else").certificatePem();
    CheckResult result = check.check(target(vault.tlsUrl()).withCaCertificate(otherCa), null).await();
    assertFailed(result, CheckErrorCode.VAULT_TLS_ERROR);
    assertTrue(vault.requests().isEmpty());

    CheckResult both = check.check(target(vault.tlsUrl()).withCaCertificate(otherCa + vault.caPem()), null).await();
    assertTrue(both.ok(), "any certificate of the bundle may anchor the chain: " + both);
  }

  @Test
  void aNameMismatchFailsAndTlsServerNameFixesIt(Vertx vertx) {
    try (VaultEmulator internal = VaultEmulator.start(vertx,
      VaultEmulator.Options.defaults().withTlsNames("vault.internal.test"))) {
      ConnectionCheckTest.fixture(internal, secretId, "unused");
      VaultTarget byIp = target(internal.tlsUrl()).withCaCertificate(internal.caPem());

      CheckResult mismatch = check.check(byIp, null).await();
      assertFailed(mismatch, CheckErrorCode.VAULT_TLS_ERROR);
      assertTrue(mismatch.error().message().contains("not valid for the name '127.0.0.1'"),
        mismatch.error().message());
      assertTrue(mismatch.error().hint().contains("tlsServerName"), mismatch.error().hint());

      CheckResult fixed = check.check(byIp.withTlsServerName("vault.internal.test"), "secret/data/app/db").await();
      assertTrue(fixed.ok(), fixed.toString());
      // the TLS name changed, the Host header did not: it still names the address the customer gave
      assertEquals("127.0.0.1:" + internal.tlsPort(), internal.requests().get(0).header("Host"));
    }
  }

  @Test
  void aWrongTlsServerNameIsAMismatch() {
    CheckResult result = check.check(target(vault.tlsUrl()).withCaCertificate(vault.caPem())
      .withTlsServerName("vault.example.com"), null).await();
    assertFailed(result, CheckErrorCode.VAULT_TLS_ERROR);
    assertTrue(result.error().message().contains("'vault.example.com'"), result.error().message());
  }

  @Test
  void httpsAgainstAPlainListenerIsATlsError() {
    CheckResult result = check.check(target("https://127.0.0.1:" + vault.port()), null).await();
    assertFailed(result, CheckErrorCode.VAULT_TLS_ERROR);
  }
}
