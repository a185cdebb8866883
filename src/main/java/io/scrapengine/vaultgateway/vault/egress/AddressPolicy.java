package io.scrapengine.vaultgateway.vault.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the gateway may connect to an address: public unicast addresses always, anything else only
 * inside an operator-allowed network. Pure, so every address (and every trick spelling of one) can be tested
 * without a socket.
 */
public final class AddressPolicy {

  private final AllowedCidrs allowed;

  private AddressPolicy(AllowedCidrs allowed) {
    this.allowed = allowed;
  }

  public static AddressPolicy create(AllowedCidrs allowed) {
    return new AddressPolicy(allowed);
  }

  /** Why the gateway must not connect to this address, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    if (allowed.permits(address)) {
      return Optional.empty();
    }
    // ::ffff:127.0.0.1 is 127.0.0.1 on the wire, so the operator's IPv4 networks cover it too
    Optional<java.net.Inet4Address> ipv4 = SpecialPurposeAddresses.mappedIpv4(address);
    if (ipv4.isPresent() && allowed.permits(ipv4.get())) {
      return Optional.empty();
    }
    return SpecialPurposeAddresses.classify(address)
      .map(kind -> address.getHostAddress() + " is " + kind + " and not in the allowed networks");
  }

  /**
   * The first refusal among all the addresses a name resolved to: if any one is refused the name is, so a DNS
   * answer mixing a public and a private address (or a rebinding name) cannot slip through.
   */
  public Optional<String> refusal(List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      return Optional.of("the host resolved to no address");
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = refusal(address);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    return Optional.empty();
  }
}
