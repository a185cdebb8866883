package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** Addresses of the persistence verticle. Requests are the model records themselves. */
public final class StoreMessages {

  public static final String CREATE_INTEGRATION = "vault-gateway.store.integrations.create";
  public static final String PING = "vault-gateway.store.ping";

  private StoreMessages() {
  }

  public record Ping() implements BusMessage {
  }

  public record Pong() implements BusMessage {
  }
}
