package io.scrapengine.vaultgateway.vault.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's exceptions to the outbound address guard ({@code VAULT_ALLOWED_CIDRS}): networks a customer's
 * Vault may live in although they are not public, e.g. a Vault on the operator's own private network. Empty by
 * default, which means only public addresses are reachable.
 */
public final class AllowedCidrs {

  public static final AllowedCidrs NONE = new AllowedCidrs(List.of());

  private final List<Cidr> networks;

  private AllowedCidrs(List<Cidr> networks) {
    this.networks = List.copyOf(networks);
  }

  public static AllowedCidrs of(List<Cidr> networks) {
    return new AllowedCidrs(networks);
  }

  /**
   * Parses a comma-separated list such as {@code "127.0.0.0/8, ::1/128"}; blank or null means none.
   *
   * @throws IllegalArgumentException naming the first entry that is not a CIDR
   */
  public static AllowedCidrs parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return NONE;
    }
    List<Cidr> parsed = new ArrayList<>();
    for (String entry : commaSeparated.split(",", -1)) {
      if (entry.isBlank()) {
        throw new IllegalArgumentException("the allowed CIDR list has an empty entry");
      }
      parsed.add(Cidr.parse(entry));
    }
    return new AllowedCidrs(parsed);
  }

  public boolean permits(InetAddress address) {
    for (Cidr network : networks) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  public List<Cidr> networks() {
    return networks;
  }

  public boolean isEmpty() {
    return networks.isEmpty();
  }

  @Override
  public String toString() {
    return networks.toString();
  }
}
