package io.scrapengine.vaultgateway.vault.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fc00::/7}. Matching is by raw address bytes, so an
 * IPv4 network never matches an IPv6 address (callers unwrap IPv4-mapped forms first).
 */
public record Cidr(byte[] network, int prefixLength) {

  public Cidr {
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("a network has 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range");
    }
    network = mask(network.clone(), prefixLength);
  }

  /**
   * Parses {@code a.b.c.d/n}, {@code x:y::z/n} or a bare address (a /32 or /128). Only the plain dotted-decimal
   * IPv4 form is accepted here: an operator's allow-list is no place for octal or hex tricks.
   */
  public static Cidr parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] bytes = literalBytes(address);
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      String digits = trimmed.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
      }
      prefix = Integer.parseInt(digits);
      if (prefix > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "' has a prefix length over " + bytes.length * 8);
      }
    }
    return new Cidr(bytes, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    return candidate.length == network.length && Arrays.equals(mask(candidate, prefixLength), network);
  }

  private static byte[] literalBytes(String address) {
    if (address.contains(":")) {
      if (!address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        throw new IllegalArgumentException("'" + address + "' is not an IPv6 address");
      }
      try {
        // a literal containing ':' is parsed, never looked up; a mapped form is kept as 16 bytes below
        InetAddress parsed = InetAddress.getByName(address);
        return parsed.getAddress().length == 16 ? parsed.getAddress() : mapped(parsed.getAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + address + "' is not an IPv6 address");
      }
    }
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + address + "' is not a dotted IPv4 address");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
        || (part.length() > 1 && part.startsWith("0"))) {
        throw new IllegalArgumentException("'" + address + "' is not a dotted IPv4 address");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw new IllegalArgumentException("'" + address + "' is not a dotted IPv4 address");
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static byte[] mapped(byte[] ipv4) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(ipv4, 0, bytes, 12, 4);
    return bytes;
  }

  private static byte[] mask(byte[] bytes, int prefixLength) {
    for (int i = 0; i < bytes.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefixLength - i * 8));
      bytes[i] &= (byte) (0xff << (8 - bitsHere));
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr cidr && prefixLength == cidr.prefixLength && Arrays.equals(network, cidr.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT) + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
