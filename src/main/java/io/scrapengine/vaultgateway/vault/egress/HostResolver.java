package io.scrapengine.vaultgateway.vault.egress;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Turns the host of a Vault address into every address it stands for, without blocking an event loop. Literals
 * (IPv6, and IPv4 in any inet_aton spelling) are parsed here; {@code localhost} and the reserved {@code .invalid}
 * names are answered as RFC 6761 asks, without asking DNS; other names go to the JVM resolver on a small
 * dedicated worker pool, so slow DNS cannot starve the shared worker pool.
 */
final class HostResolver {

  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final String HINT_DNS =
    "Check that the Vault host name is spelled correctly and resolves in public DNS.";
  private static final String HINT_MALFORMED =
    "Write the host as a DNS name, a dotted IPv4 address or a bracketed IPv6 address.";

  private final WorkerExecutor dns;
  private final long timeoutMs;

  private HostResolver(WorkerExecutor dns, long timeoutMs) {
    this.dns = dns;
    this.timeoutMs = timeoutMs;
  }

  static HostResolver create(Vertx vertx, long timeoutMs) {
    return new HostResolver(vertx.createSharedWorkerExecutor("vault-dns", 4, timeoutMs * 2, TimeUnit.MILLISECONDS),
      timeoutMs);
  }

  Future<List<InetAddress>> resolve(String host) {
    if (host.contains(":")) {
      return Future.succeededFuture(List.of(ipv6Literal(host)));
    }
    Ipv4Literals.Reading reading = Ipv4Literals.read(host);
    if (reading instanceof Ipv4Literals.Number number) {
      return Future.succeededFuture(List.of(number.address()));
    }
    if (reading instanceof Ipv4Literals.Invalid invalid) {
      return Future.failedFuture(DomainException.vaultFailed(VaultErrorCode.ADDRESS_NOT_ALLOWED,
        "The host '" + host + "' looks numeric but is not a valid IPv4 address: it " + invalid.reason() + ".",
        HINT_MALFORMED));
    }
    String name = host.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
      return Future.failedFuture(DomainException.vaultFailed(VaultErrorCode.ADDRESS_NOT_ALLOWED,
        "The host '" + host + "' is not a valid DNS name.", HINT_DNS));
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return Future.succeededFuture(List.of(InetAddress.getLoopbackAddress()));
    }
    if (name.equals("invalid") || name.endsWith(".invalid")) {
      return Future.failedFuture(unresolvable(host));
    }
    String lookup = name;
    return dns.<List<InetAddress>>executeBlocking(() -> List.of(InetAddress.getAllByName(lookup)), false)
      .timeout(timeoutMs, TimeUnit.MILLISECONDS)
      .recover(failure -> Future.failedFuture(failure instanceof UnknownHostException ? unresolvable(host)
        : DomainException.vaultFailed(new VaultProblem(VaultErrorCode.VAULT_UNREACHABLE,
          "Resolving '" + host + "' did not finish within " + timeoutMs + " ms.", HINT_DNS, true))));
  }

  Future<Void> close() {
    return dns.close();
  }

  private static InetAddress ipv6Literal(String host) {
    if (!host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      throw DomainException.vaultFailed(VaultErrorCode.ADDRESS_NOT_ALLOWED,
        "The host '" + host + "' is not a valid IPv6 address.", HINT_MALFORMED);
    }
    try {
      // only literal characters reach here, so this parses and never asks DNS
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw DomainException.vaultFailed(VaultErrorCode.ADDRESS_NOT_ALLOWED,
        "The host '" + host + "' is not a valid IPv6 address.", HINT_MALFORMED);
    }
  }

  private static DomainException unresolvable(String host) {
    return DomainException.vaultFailed(VaultErrorCode.VAULT_UNREACHABLE, "The host '" + host + "' could not be resolved.",
      HINT_DNS);
  }
}
