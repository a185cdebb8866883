package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.support.vault.TestPki;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure validators the HTTP layer calls before anything reaches a Vault. */
class InputRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"approle", "team-a/approle", "app_role.v2", "a", "A/B/C"})
  void acceptsAuthMounts(String mount) {
    assertTrue(AuthMountRule.violation(mount).isEmpty(), mount);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/approle", "approle/", "team//approle", "..", "team/../sys", "./approle",
    "app role", "approle?x", "approle#x", "appröle", "app%2Frole", "approle/login/..",
    "token\\x"})
  void refusesAuthMounts(String mount) {
    assertTrue(AuthMountRule.violation(mount).isPresent(), mount);
  }

  @Test
  void authMountsAreAtMost128Characters() {
    assertTrue(AuthMountRule.violation("x".repeat(128)).isEmpty());
    assertTrue(AuthMountRule.violation("x".repeat(129)).isPresent());
  }

  @Test
  void acceptsPemBundles() {
    String one = TestPki.createAuthority("one").certificatePem();
    String two = TestPki.createAuthority("two").certificatePem();
    assertTrue(CaCertificateRule.violation(one).isEmpty());
    assertTrue(CaCertificateRule.violation(one + "\n" + two).isEmpty());
    assertTrue(CaCertificateRule.violation("\n  " + one.replace("\n", "\r\n") + "  \n").isEmpty());
    assertEquals(2, CaCertificateRule.parse(one + two).size());
  }

  @Test
  void refusesWhatIsNotAPemCertificateBundle() {
    String valid = TestPki.createAuthority("ca").certificatePem();
    TestPki.ServerCertificate leaf = TestPki.createAuthority("other").issueServer("vault.example.com");
    String body = valid.substring(valid.indexOf('\n') + 1, valid.indexOf("-----END"));
    String[] invalid = {
      "",
      "   ",
      "not a certificate",
      body,
      valid.replace("MII", "MIJ"),
      valid.substring(0, valid.length() / 2),
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
      "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
      leaf.privateKeyPem(),
      valid + leaf.privateKeyPem(),
      "garbage\n" + valid,
      valid + "trailing words",
      valid.repeat(2000)};
    for (String pem : invalid) {
      String reason = CaCertificateRule.violation(pem).orElse("accepted");
      assertFalse(reason.equals("accepted"), pem.length() > 80 ? pem.substring(0, 80) : pem);
      assertFalse(reason.contains("MII"), "the reason never quotes the input: " + reason);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"vault.example.com", "vault", "vault-1.eu.example.com", "xn--vlt-ela.example"})
  void acceptsTlsServerNames(String name) {
    assertTrue(TlsServerNameRule.violation(name).isEmpty(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "127.0.0.1", "*.example.com", "vault..example.com", "-vault.example.com",
    "vault_example.com", "vault.example.com.", "::1", "vault example"})
  void refusesTlsServerNames(String name) {
    assertTrue(TlsServerNameRule.violation(name).isPresent(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret/data/app/db", "kv/app/db", "secret/data/app db/x", "kv/app/", "a"})
  void acceptsSecretPaths(String path) {
    assertTrue(SecretPathRule.violation(path).isEmpty(), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/secret/data/app", "secret/../sys/health", "secret/./x", "secret//x", "a?b", "a#b",
    "a\nb", "a\\b"})
  void refusesSecretPaths(String path) {
    assertTrue(SecretPathRule.violation(path).isPresent(), path);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "https://vault.example.com|true|vault.example.com|443|''",
    "http://vault.example.com|false|vault.example.com|80|''",
    "https://vault.example.com:8200/|true|vault.example.com|8200|''",
    "https://proxy.example.com/vault/|true|proxy.example.com|443|/vault",
    "https://proxy.example.com/a/b|true|proxy.example.com|443|/a/b",
    "http://[::1]:8200|false|::1|8200|''",
    "http://127.1:8200|false|127.1|8200|''",
    "http://2130706433|false|2130706433|80|''",
    "http://127.0.0.1.:8200|false|127.0.0.1.|8200|''"})
  void takesAddressesApart(String address, boolean https, String host, int port, String prefix) {
    VaultEndpoint endpoint = VaultEndpoint.parse(address);
    assertEquals(new VaultEndpoint(https, host, port, prefix.equals("''") ? "" : prefix), endpoint);
    assertEquals((prefix.equals("''") ? "" : prefix) + "/v1/sys/health", endpoint.uri("sys/health"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://vault.example.com", "https://user:pw@vault.example.com", "https://vault:0",
    "https://vault:65536", "https://vault:x", "https://[::1", "https://vault.example.com?x=1", "vault.example.com",
    "https://[fe80::1%25eth0]:8200"})
  void refusesAddresses(String address) {
    assertThrows(IllegalArgumentException.class, () -> VaultEndpoint.parse(address), address);
  }

  @Test
  void aTargetPrintsNoSecretIdAndTheRulesCheckEveryPart() {
    String secret = "s3cr3t-secret-id-canary";
    VaultTarget target = Targets.with("https://vault.example.com", "role", SecretValue.of(secret))
      .namespace("admin/team")
      .caCertificate(TestPki.createAuthority("ca").certificatePem())
      .build();
    assertFalse(target.toString().contains(secret), target.toString());
    assertFalse(target.toString().contains("BEGIN"), target.toString());
    assertEquals("approle", target.authMount());
    assertEquals(List.of(), VaultSettingsRules.issues(target.settings()));
    assertEquals(List.of("config.authMount"), fieldsWithIssues(Targets.from(target).authMount("../sys")));
    assertEquals(List.of("config.namespace"), fieldsWithIssues(Targets.from(target).namespace("admin team")));
    assertEquals(List.of("config.namespace"),
      fieldsWithIssues(Targets.from(target).namespace("admin\r\nX-Evil: 1")));
    assertEquals(List.of("config.caCertificate"), fieldsWithIssues(Targets.from(target).caCertificate("nope")));
    assertEquals(List.of("config.tlsServerName"), fieldsWithIssues(Targets.from(target).tlsServerName("10.0.0.1")));
    assertEquals(List.of("config.roleId"), fieldsWithIssues(Targets.from(target).roleId("")));
    assertEquals(List.of("config.address", "config.roleId"),
      fieldsWithIssues(Targets.from(target).roleId("r\n").caCertificate(null).namespace(null)
        .tlsServerName(null), "ftp://vault.example.com"));
  }

  private static List<String> fieldsWithIssues(Targets target) {
    return VaultSettingsRules.issues(target.build().settings()).stream().map(FieldIssue::field).toList();
  }

  private static List<String> fieldsWithIssues(Targets target, String address) {
    VaultSettings settings = target.build().settings();
    return VaultSettingsRules.issues(new VaultSettings(address, settings.namespace(), settings.authMount(),
      settings.roleId(), settings.caCertificate(), settings.tlsServerName())).stream().map(FieldIssue::field).toList();
  }

  @Test
  void pathsArePercentEncodedSegmentBySegment() {
    assertEquals("secret/data/app%20db/x%3Fy", VaultClient.encodePath("secret/data/app db/x?y"));
    assertEquals("kv/%C3%A4", VaultClient.encodePath("kv/ä"));
  }
}
