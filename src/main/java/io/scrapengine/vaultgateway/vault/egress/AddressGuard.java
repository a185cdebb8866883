package io.scrapengine.vaultgateway.vault.egress;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Stands before every call to a customer's Vault: resolves the host, refuses it if any of its addresses is not
 * public (unless the operator allowed that network), and hands back the one vetted address to connect to. The
 * caller connects to exactly that address, so a second, different DNS answer (rebinding) never matters.
 */
public final class AddressGuard {

  private static final String HINT = "Use the Vault's public address; an operator can allow private networks "
    + "with VAULT_ALLOWED_CIDRS.";

  private final HostResolver resolver;
  private final AddressPolicy policy;

  private AddressGuard(HostResolver resolver, AddressPolicy policy) {
    this.resolver = resolver;
    this.policy = policy;
  }

  public static AddressGuard create(Vertx vertx, AllowedCidrs allowed, long resolveTimeoutMs) {
    return new AddressGuard(HostResolver.create(vertx, resolveTimeoutMs), AddressPolicy.create(allowed));
  }

  /**
   * The address to connect to for {@code host}, or a failed future with a {@link DomainException}:
   * {@code ADDRESS_NOT_ALLOWED}, or {@code VAULT_UNREACHABLE} when the name does not resolve.
   */
  public Future<InetAddress> vet(String host) {
    Future<List<InetAddress>> resolved;
    try {
      resolved = resolver.resolve(host);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return resolved.compose(addresses -> policy.refusal(addresses)
      .<Future<InetAddress>>map(reason -> Future.failedFuture(DomainException.vaultFailed(
        VaultErrorCode.ADDRESS_NOT_ALLOWED, "The address '" + host + "' is not allowed: " + reason + ".", HINT)))
      .orElseGet(() -> Future.succeededFuture(connectable(addresses.get(0)))));
  }

  public Future<Void> close() {
    return resolver.close();
  }

  /** A bare address without a host name, IPv4-mapped forms unwrapped, so nothing downstream resolves again. */
  private static InetAddress connectable(InetAddress address) {
    try {
      InetAddress target = SpecialPurposeAddresses.mappedIpv4(address).map(InetAddress.class::cast).orElse(address);
      return InetAddress.getByAddress(target.getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
