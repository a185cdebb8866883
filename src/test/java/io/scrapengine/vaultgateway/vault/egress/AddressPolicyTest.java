package io.scrapengine.vaultgateway.vault.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classifier over addresses built from literals and raw bytes: no test here opens a connection or asks DNS
 * (every literal below is parsed, never looked up).
 */
class AddressPolicyTest {

  private static final AddressPolicy GUARDED = AddressPolicy.create(AllowedCidrs.NONE);
  private static final AddressPolicy LOOPBACK_ALLOWED = AddressPolicy.create(AllowedCidrs.parse("127.0.0.0/8, ::1/128"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0.0.0.0|this network",
    "0.1.2.3|this network",
    "10.0.0.1|private (10.0.0.0/8)",
    "10.255.255.255|private (10.0.0.0/8)",
    "100.64.0.1|carrier-grade NAT",
    "100.127.255.254|carrier-grade NAT",
    "127.0.0.1|loopback",
    "127.255.255.254|loopback",
    "169.254.169.254|cloud metadata",
    "169.254.0.1|link-local",
    "172.16.0.1|private (172.16.0.0/12)",
    "172.31.255.255|private (172.16.0.0/12)",
    "192.0.0.8|IETF protocol assignments",
    "192.0.2.10|documentation",
    "192.88.99.1|6to4 relay",
    "192.168.1.1|private (192.168.0.0/16)",
    "198.18.0.1|benchmarking",
    "198.51.100.7|documentation",
    "203.0.113.7|documentation",
    "224.0.0.1|multicast",
    "239.255.255.250|multicast",
    "240.0.0.1|reserved",
    "255.255.255.255|broadcast",
    "::|unspecified",
    "::1|loopback (::1)",
    "::127.0.0.1|IPv4-compatible",
    "::10.0.0.1|IPv4-compatible",
    "::ffff:127.0.0.1|loopback",
    "::ffff:169.254.169.254|cloud metadata",
    "64:ff9b::7f00:1|NAT64 (64:ff9b::/96) form of loopback",
    "64:ff9b::a9fe:a9fe|NAT64 (64:ff9b::/96) form of the cloud metadata",
    "64:ff9b::c0a8:101|NAT64 (64:ff9b::/96) form of private",
    "64:ff9b:1::1|local-use NAT64",
    "2002:7f00:1::1|6to4 (2002::/16) form of loopback",
    "2002:a00:1::|6to4 (2002::/16) form of private",
    "2001:0:4136:e378::1|Teredo",
    "2001:db8::1|documentation",
    "100::1|discard-only",
    "fc00::1|unique local",
    "fd12:3456:789a::1|unique local",
    "fe80::1|link-local",
    "febf:ffff::1|link-local",
    "fec0::1|site-local",
    "ff02::1|multicast",
    "ff0e::fb|multicast",
    "4000::1|not global unicast"})
  void refusesNonPublicAddresses(String literal, String kind) {
    String refusal = GUARDED.refusal(literal(literal)).orElse("allowed");
    assertTrue(refusal.contains(kind), literal + " -> " + refusal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.9.9.9", "100.63.255.255", "100.128.0.0", "172.15.255.255",
    "172.32.0.0", "192.167.255.255", "192.169.0.0", "169.253.255.255", "223.255.255.255", "2606:4700:4700::1111",
    "2001:4860:4860::8888", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
  void acceptsPublicAddresses(String literal) {
    assertEquals("allowed", GUARDED.refusal(literal(literal)).orElse("allowed"), literal);
  }

  @Test
  void ipv6FormsBuiltFromRawBytesAreClassifiedByWhatTheyEmbed() throws UnknownHostException {
    // Java turns a mapped literal into an Inet4Address; raw bytes kept as Inet6Address must be caught as well
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    InetAddress asIpv6 = Inet6Address.getByAddress(null, mapped, -1);
    assertTrue(asIpv6 instanceof Inet6Address);
    assertTrue(GUARDED.refusal(asIpv6).orElseThrow().contains("IPv4-mapped IPv6 form of loopback"));
    assertTrue(LOOPBACK_ALLOWED.refusal(asIpv6).isEmpty(), "::ffff:127.0.0.1 is 127.0.0.1 on the wire");

    byte[] metadata = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};
    assertTrue(GUARDED.refusal(InetAddress.getByAddress(metadata)).orElseThrow().contains("metadata"));
  }

  @Test
  void theAllowListOpensOnlyItsOwnNetworks() {
    assertTrue(LOOPBACK_ALLOWED.refusal(literal("127.0.0.1")).isEmpty());
    assertTrue(LOOPBACK_ALLOWED.refusal(literal("127.9.8.7")).isEmpty());
    assertTrue(LOOPBACK_ALLOWED.refusal(literal("::1")).isEmpty());
    assertTrue(LOOPBACK_ALLOWED.refusal(literal("::ffff:127.0.0.1")).isEmpty());
    // 0.0.0.0 means "this host" to some stacks but is not loopback: it stays refused
    assertFalse(LOOPBACK_ALLOWED.refusal(literal("0.0.0.0")).isEmpty());
    assertFalse(LOOPBACK_ALLOWED.refusal(literal("::")).isEmpty());
    assertFalse(LOOPBACK_ALLOWED.refusal(literal("10.0.0.1")).isEmpty());
    assertFalse(LOOPBACK_ALLOWED.refusal(literal("169.254.169.254")).isEmpty());
    // NAT64 and 6to4 forms go through a gateway, not to our loopback: the allow-list does not cover them
    assertFalse(LOOPBACK_ALLOWED.refusal(literal("64:ff9b::7f00:1")).isEmpty());
    assertFalse(LOOPBACK_ALLOWED.refusal(literal("::127.0.0.1")).isEmpty());
  }

  @Test
  void anyRefusedAddressAmongSeveralRefusesTheName() {
    List<InetAddress> rebinding = List.of(literal("8.8.8.8"), literal("10.0.0.5"));
    assertTrue(GUARDED.refusal(rebinding).orElseThrow().contains("10.0.0.5"));
    assertTrue(GUARDED.refusal(List.of(literal("8.8.8.8"), literal("1.1.1.1"))).isEmpty());
    assertTrue(GUARDED.refusal(List.of()).isPresent());
  }

  @Test
  void anOperatorCanAllowAPrivateNetwork() {
    AddressPolicy policy = AddressPolicy.create(AllowedCidrs.parse("10.20.0.0/16"));
    assertTrue(policy.refusal(literal("10.20.3.4")).isEmpty());
    assertFalse(policy.refusal(literal("10.21.0.1")).isEmpty());
  }

  static InetAddress literal(String text) {
    try {
      // only IP literals are passed in, which InetAddress parses without any lookup
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
