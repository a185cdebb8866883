package io.scrapengine.vaultgateway.vault.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Tells public unicast addresses from everything a customer-supplied Vault address must not reach: loopback,
 * private and shared networks, link-local (and with it the cloud metadata service), multicast, reserved and
 * documentation ranges, and IPv6 forms that carry one of those IPv4 addresses inside (mapped, compatible, NAT64,
 * 6to4). A pure function over address bytes: it opens no connection and performs no lookup.
 */
public final class SpecialPurposeAddresses {

  private record Range(Cidr network, String description) {
    static Range of(String cidr, String description) {
      return new Range(Cidr.parse(cidr), description);
    }
  }

  // Order matters where ranges nest: the first match names the refusal.
  private static final List<Range> IPV4 = List.of(
    Range.of("0.0.0.0/8", "'this network' (0.0.0.0/8)"),
    Range.of("10.0.0.0/8", "private (10.0.0.0/8)"),
    Range.of("100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)"),
    Range.of("127.0.0.0/8", "loopback (127.0.0.0/8)"),
    Range.of("169.254.169.254/32", "the cloud metadata service (169.254.169.254)"),
    Range.of("169.254.0.0/16", "link-local (169.254.0.0/16)"),
    Range.of("172.16.0.0/12", "private (172.16.0.0/12)"),
    Range.of("192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)"),
    Range.of("192.0.2.0/24", "documentation (192.0.2.0/24)"),
    Range.of("192.88.99.0/24", "6to4 relay anycast (192.88.99.0/24)"),
    Range.of("192.168.0.0/16", "private (192.168.0.0/16)"),
    Range.of("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
    Range.of("198.51.100.0/24", "documentation (198.51.100.0/24)"),
    Range.of("203.0.113.0/24", "documentation (203.0.113.0/24)"),
    Range.of("224.0.0.0/4", "multicast (224.0.0.0/4)"),
    Range.of("255.255.255.255/32", "broadcast (255.255.255.255)"),
    Range.of("240.0.0.0/4", "reserved (240.0.0.0/4)"));

  private static final Cidr IPV4_MAPPED = Cidr.parse("::ffff:0:0/96");
  private static final Cidr NAT64_WELL_KNOWN = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
  private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

  private static final List<Range> IPV6 = List.of(
    Range.of("::/128", "unspecified (::)"),
    Range.of("::1/128", "loopback (::1)"),
    Range.of("::/96", "IPv4-compatible IPv6 (::/96, deprecated)"),
    Range.of("64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"),
    Range.of("::/8", "reserved (::/8)"),
    Range.of("100::/64", "discard-only (100::/64)"),
    Range.of("2001::/32", "Teredo (2001::/32)"),
    Range.of("2001::/23", "IETF protocol assignments (2001::/23)"),
    Range.of("2001:db8::/32", "documentation (2001:db8::/32)"),
    Range.of("fc00::/7", "unique local (fc00::/7)"),
    Range.of("fe80::/10", "link-local (fe80::/10)"),
    Range.of("fec0::/10", "site-local (fec0::/10, deprecated)"),
    Range.of("ff00::/8", "multicast (ff00::/8)"));

  private SpecialPurposeAddresses() {
  }

  /** What kind of non-public address this is, or empty for a public unicast address. */
  public static Optional<String> classify(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return classifyIpv4(address);
    }
    if (IPV4_MAPPED.contains(address)) {
      return classifyIpv4(embedded(bytes, 12)).map(kind -> "IPv4-mapped IPv6 form of " + kind);
    }
    if (NAT64_WELL_KNOWN.contains(address)) {
      return classifyIpv4(embedded(bytes, 12)).map(kind -> "NAT64 (64:ff9b::/96) form of " + kind);
    }
    if (SIX_TO_FOUR.contains(address)) {
      return classifyIpv4(embedded(bytes, 2)).map(kind -> "6to4 (2002::/16) form of " + kind);
    }
    for (Range range : IPV6) {
      if (range.network().contains(address)) {
        Optional<String> inside = range.network().prefixLength() == 96
          ? classifyIpv4(embedded(bytes, 12)) : Optional.empty();
        return Optional.of(range.description() + inside.map(kind -> " embedding " + kind).orElse(""));
      }
    }
    if (!GLOBAL_UNICAST.contains(address)) {
      return Optional.of("not global unicast (outside 2000::/3)");
    }
    return Optional.empty();
  }

  /** The IPv4 address an IPv4-mapped IPv6 address stands for, which is where a socket would really go. */
  public static Optional<Inet4Address> mappedIpv4(InetAddress address) {
    if (address instanceof Inet4Address ipv4) {
      return Optional.of(ipv4);
    }
    return IPV4_MAPPED.contains(address) ? Optional.of(embedded(address.getAddress(), 12)) : Optional.empty();
  }

  private static Optional<String> classifyIpv4(InetAddress address) {
    for (Range range : IPV4) {
      if (range.network().contains(address)) {
        return Optional.of(range.description());
      }
    }
    return Optional.empty();
  }

  private static Inet4Address embedded(byte[] bytes, int offset) {
    byte[] ipv4 = new byte[4];
    System.arraycopy(bytes, offset, ipv4, 0, 4);
    try {
      return (Inet4Address) InetAddress.getByAddress(ipv4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
