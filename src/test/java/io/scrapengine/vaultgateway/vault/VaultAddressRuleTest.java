package io.scrapengine.vaultgateway.vault;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultAddressRuleTest {

  /** Whether a host may be dialled is the address guard's decision at connect time, not a syntax rule. */
  @ParameterizedTest
  @ValueSource(strings = {"https://vault.example.com", "https://vault.example.com:8200",
    "http://vault.example.com:8200/", "https://proxy.example.com/vault/", "https://203.0.113.7:8200",
    "https://[2001:db8::7]:8200", "HTTPS://VAULT.EXAMPLE.COM", "https://vault-1.eu.example.com:443/prefix/v",
    "https://under_score.example.com", "https://127.1:8200", "http://2130706433", "https://0x7f000001"})
  void accepts(String address) {
    assertTrue(VaultAddressRule.violation(address).isEmpty(), address);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "ftp://vault.example.com|http or https",
    "file:///etc/passwd|http or https",
    "vault.example.com|http or https",
    "//vault.example.com|http or https",
    "https:vault.example.com|host",
    "https:///path|host",
    "https://user@vault.example.com|user-info",
    "https://user:pw@vault.example.com|user-info",
    "https://vault.example.com?x|query",
    "https://vault.example.com/v1?token=abc|query",
    "https://vault.example.com#frag|fragment",
    "https://vault.example.com:0|port",
    "https://vault.example.com:65536|port",
    "https://vault.example.com:|port",
    "https://vault example.com|valid URL",
    "https://vault.example.com/%zz|valid URL",
    "https://[::1|valid URL",
    "https://%41.example.com|host"})
  void refuses(String address, String reason) {
    String violation = VaultAddressRule.violation(address).orElse("accepted");
    assertTrue(violation.contains(reason), address + " -> " + violation);
  }
}
