package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** Addresses of the persistence verticle. Requests are the model records themselves. */
public final class StoreMessages {

  public static final String CREATE_INTEGRATION = "vault-gateway.store.integrations.create";
  public static final String GET_INTEGRATION = "vault-gateway.store.integrations.get";
  public static final String LIST_INTEGRATIONS = "vault-gateway.store.integrations.list";
  public static final String UPDATE_INTEGRATION = "vault-gateway.store.integrations.update";
  public static final String DELETE_INTEGRATION = "vault-gateway.store.integrations.delete";
  public static final String CLAIM_IDEMPOTENCY_KEY = "vault-gateway.store.idempotency.claim";
  public static final String SETTLE_IDEMPOTENCY_KEY = "vault-gateway.store.idempotency.settle";
  public static final String GET_SEALED_INTEGRATION = "vault-gateway.store.integrations.get-sealed";
  public static final String RECORD_TEST = "vault-gateway.store.integrations.record-test";
  public static final String PING = "vault-gateway.store.ping";

  private StoreMessages() {
  }

  public record Ping() implements BusMessage {
  }

  public record Done() implements BusMessage {
  }
}
