package io.scrapengine.bench.bare;

import java.util.regex.Pattern;

/**
 * The bench tools only ever talk to this machine: a host must be {@code localhost} or a literal address in
 * 127.0.0.0/8 or {@code ::1}. Other names are refused rather than resolved, so no lookup can send traffic
 * elsewhere.
 */
final class Loopback {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Loopback() {
  }

  /** The literal address to connect to for {@code host}, or an exception naming why it is refused. */
  static String require(String host, String what) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException(what + " has no host");
    }
    if (host.equalsIgnoreCase("localhost")) {
      return "127.0.0.1";
    }
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (literal.equals("::1") || literal.equals("0:0:0:0:0:0:0:1")) {
      return "::1";
    }
    if (IPV4.matcher(literal).matches()) {
      String[] octets = literal.split("\\.");
      boolean valid = true;
      for (String octet : octets) {
        valid &= Integer.parseInt(octet) <= 255;
      }
      if (valid && Integer.parseInt(octets[0]) == 127) {
        return literal;
      }
    }
    throw new IllegalArgumentException(what + " must be localhost, an address in 127.0.0.0/8 or ::1, got '"
      + host + "'");
  }

  /** An integer from the environment, or {@code fallback} when unset; outside [min, max] is an error. */
  static int envInt(String name, int fallback, int min, int max) {
    String raw = System.getenv(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'");
    }
  }
}
