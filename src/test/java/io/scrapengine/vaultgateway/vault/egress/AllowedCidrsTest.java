package io.scrapengine.vaultgateway.vault.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.scrapengine.vaultgateway.vault.egress.AddressPolicyTest.literal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowedCidrsTest {

  @Test
  void parsesTheOperatorsCommaSeparatedList() {
    AllowedCidrs allowed = AllowedCidrs.parse(" 127.0.0.0/8, ::1/128 ,10.1.2.3");
    assertEquals("[127.0.0.0/8, 0:0:0:0:0:0:0:1/128, 10.1.2.3/32]", allowed.toString());
    assertTrue(allowed.permits(literal("127.3.2.1")));
    assertTrue(allowed.permits(literal("::1")));
    assertTrue(allowed.permits(literal("10.1.2.3")));
    assertFalse(allowed.permits(literal("10.1.2.4")));
    assertFalse(allowed.permits(literal("::2")));
  }

  @Test
  void emptyMeansNone() {
    assertTrue(AllowedCidrs.parse("").isEmpty());
    assertTrue(AllowedCidrs.parse("   ").isEmpty());
    assertTrue(AllowedCidrs.parse(null).isEmpty());
  }

  @Test
  void hostBitsAreMaskedAway() {
    assertEquals("10.0.0.0/8", Cidr.parse("10.20.30.40/8").toString());
    assertTrue(Cidr.parse("fc00::/7").contains(literal("fdff::1")));
    assertTrue(Cidr.parse("0.0.0.0/0").contains(literal("8.8.8.8")));
    assertFalse(Cidr.parse("0.0.0.0/0").contains(literal("::1")), "an IPv4 network never matches IPv6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "::1/129", "10.0.0/8", "010.0.0.0/8", "0x7f000001/32", "127.1/8",
    "10.0.0.0/", "10.0.0.0/-1", "vault.example.com/32", "10.0.0.0/8,", ",10.0.0.0/8", "fe80::1%eth0/64"})
  void refusesWhatIsNotACidr(String text) {
    assertThrows(IllegalArgumentException.class, () -> AllowedCidrs.parse(text), text);
  }
}
