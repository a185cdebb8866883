package io.scrapengine.vaultgateway.vault.egress;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads hosts the way the C library's {@code inet_aton} (and the WHATWG URL standard) do: one to four parts,
 * each decimal, octal (leading {@code 0}) or hex ({@code 0x}), the last part filling the remaining bytes. So
 * {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 127.1} are all 127.0.0.1. Java's
 * {@link InetAddress} understands none of these, and would hand them to DNS, where a resolver library might read
 * them as numbers after all: deciding here keeps the guard and the socket in agreement.
 */
public final class Ipv4Literals {

  private static final BigInteger MAX_IPV4 = BigInteger.valueOf(0xFFFF_FFFFL);

  private Ipv4Literals() {
  }

  /** What a host is: a DNS name, an IPv4 number, or a would-be number that is invalid. */
  public sealed interface Reading {
  }

  public record Name(String host) implements Reading {
  }

  public record Number(Inet4Address address) implements Reading {
  }

  public record Invalid(String reason) implements Reading {
  }

  /**
   * Reads a host (no brackets, no port). One trailing dot is ignored, as in DNS. A host whose last label is a
   * number is numeric (as in the URL standard): it parses as IPv4 or it is invalid, never a DNS name.
   */
  public static Reading read(String host) {
    String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] parts = text.split("\\.", -1);
    if (text.isEmpty() || !isNumber(parts[parts.length - 1])) {
      return new Name(host);
    }
    if (parts.length > 4) {
      return new Invalid("has more than four numeric parts");
    }
    BigInteger[] values = new BigInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Optional<BigInteger> value = value(parts[i]);
      if (value.isEmpty()) {
        return new Invalid("has a part that is not a number");
      }
      values[i] = value.get();
    }
    long result = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i].compareTo(BigInteger.valueOf(255)) > 0) {
        return new Invalid("has a part over 255");
      }
      result |= values[i].longValue() << (8 * (3 - i));
    }
    int remainingBytes = 5 - values.length;
    BigInteger last = values[values.length - 1];
    if (last.bitLength() > remainingBytes * 8 || last.compareTo(MAX_IPV4) > 0) {
      return new Invalid("is out of range");
    }
    result |= last.longValue();
    byte[] bytes = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
    try {
      return new Number((Inet4Address) InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isNumber(String label) {
    if (label.isEmpty()) {
      return false;
    }
    String lower = label.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      return lower.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
    return lower.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static Optional<BigInteger> value(String part) {
    String lower = part.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.length() > 64) {
      return Optional.empty();
    }
    int radix = 10;
    String digits = lower;
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = lower.substring(2);
      if (digits.isEmpty()) {
        return Optional.of(BigInteger.ZERO);
      }
    } else if (lower.length() > 1 && lower.startsWith("0")) {
      radix = 8;
      digits = lower.substring(1);
    }
    final int base = radix;
    if (!digits.chars().allMatch(c -> Character.digit(c, base) >= 0)) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger(digits, radix));
  }
}
