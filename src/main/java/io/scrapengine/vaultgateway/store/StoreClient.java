package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.vertx.core.Future;

/** The HTTP side's view of the persistence verticle. */
public final class StoreClient {

  private final BusClient bus;

  public StoreClient(BusClient bus) {
    this.bus = bus;
  }

  public Future<Integration> createIntegration(NewIntegration integration) {
    return bus.request(StoreMessages.CREATE_INTEGRATION, integration);
  }

  public Future<Void> ping() {
    return bus.request(StoreMessages.PING, new StoreMessages.Ping()).mapEmpty();
  }
}
