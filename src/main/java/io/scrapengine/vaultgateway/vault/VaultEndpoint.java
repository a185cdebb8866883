package io.scrapengine.vaultgateway.vault;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A Vault address taken apart: scheme, host exactly as written (brackets removed from IPv6 literals), port, and
 * the path prefix kept in front of {@code /v1} for Vaults behind a reverse proxy. The authority is split by hand
 * because {@link URI#getHost()} gives up on hosts such as {@code 127.1} or {@code 2130706433}, which the address
 * guard must still see (and refuse).
 */
public record VaultEndpoint(boolean https, String host, int port, String pathPrefix) {

  public static VaultEndpoint parse(String address) {
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the Vault address is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("the Vault address must be an http or https URL");
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new IllegalArgumentException("the Vault address has no host");
    }
    if (authority.contains("@")) {
      throw new IllegalArgumentException("the Vault address must not contain user-info");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the Vault address must not contain a query or fragment");
    }
    boolean https = scheme.equals("https");
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("the Vault address has an unterminated IPv6 literal");
      }
      host = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("the Vault address has an invalid authority");
        }
        portText = rest.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty() || host.contains("%")) {
      throw new IllegalArgumentException("the Vault address has an invalid host");
    }
    int port = https ? 443 : 80;
    if (portText != null) {
      if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("the Vault address has an invalid port");
      }
      port = Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("the Vault address has an invalid port");
      }
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new VaultEndpoint(https, host, port, path);
  }

  public boolean isIpv6Literal() {
    return host.contains(":");
  }

  /** The request URI for an API path such as {@code sys/health}: prefix, {@code /v1/}, path. */
  public String uri(String apiPath) {
    return pathPrefix + "/v1/" + apiPath;
  }

  /** host:port for messages; never more than that (the path prefix might be long). */
  public String display() {
    return (isIpv6Literal() ? "[" + host + "]" : host) + ":" + port;
  }
}
