package io.scrapengine.vaultgateway.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a Vault address must be beyond what the contract's schema can say: an absolute http(s) URL with a real
 * host, no user-info (credentials in URLs end up in logs), no query and no fragment. A path prefix is allowed,
 * for Vaults behind a reverse proxy.
 */
public final class VaultAddressRule {

  private VaultAddressRule() {
  }

  /** Throws the 400 that names {@code config.address} and the reason, unless the address is fine. */
  public static void requireValid(String address) {
    violation(address).ifPresent(reason -> {
      throw ApiException.validation(List.of(new FieldError("config.address", reason)));
    });
  }

  /** Why the address is unacceptable, or empty when it is fine. */
  public static Optional<String> violation(String address) {
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      return Optional.of("must be a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an absolute http or https URL");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      return Optional.of("must include a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
      return Optional.of("must not contain user-info (credentials)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must include a valid host");
    }
    if (uri.getRawQuery() != null || address.contains("?")) {
      return Optional.of("must not contain a query");
    }
    if (uri.getRawFragment() != null || address.contains("#")) {
      return Optional.of("must not contain a fragment");
    }
    int port = uri.getPort();
    if (port == 0 || port > 65535 || (port == -1 && uri.getRawAuthority().endsWith(":"))) {
      return Optional.of("must have a port between 1 and 65535");
    }
    return Optional.empty();
  }
}
