package io.scrapengine.vaultgateway.bus;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * Where a consumer on the sender's own event loop can be reached. A consumer registers under its address and
 * under that address qualified by its event-loop thread; a sender on that thread then reaches it without waking
 * another thread, so the request, the database round trip and the reply all stay on one core. Addresses are per
 * event bus, and so is this registry (a Vert.x local map), so two Vert.x instances in one JVM never mix.
 */
final class AffineAddresses {

  private static final String REGISTRY = "vault-gateway.bus.affine-addresses";
  private static final char SEPARATOR = '@';

  private final LocalMap<String, Boolean> registered;

  private AffineAddresses(LocalMap<String, Boolean> registered) {
    this.registered = registered;
  }

  static AffineAddresses of(Vertx vertx) {
    return new AffineAddresses(vertx.sharedData().getLocalMap(REGISTRY));
  }

  /** The calling event loop's own copy of {@code address}, recorded as reachable. */
  String register(String address) {
    String affine = qualified(address);
    registered.put(affine, Boolean.TRUE);
    return affine;
  }

  void unregister(String affineAddress) {
    registered.remove(affineAddress);
  }

  /** The consumer on the calling thread's event loop if there is one, else the shared address. */
  String resolve(String address) {
    String affine = qualified(address);
    return registered.containsKey(affine) ? affine : address;
  }

  private static String qualified(String address) {
    return address + SEPARATOR + Thread.currentThread().getName();
  }
}
