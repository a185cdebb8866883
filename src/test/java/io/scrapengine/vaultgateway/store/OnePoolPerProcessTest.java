package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** However many persistence verticles run, the process holds one pool of DB_POOL_SIZE connections. */
class OnePoolPerProcessTest {

  static final int POOL_SIZE = 3;

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject()
    .put("instances", 4)
    .put("database", new JsonObject().put("poolSize", POOL_SIZE)));

  @Test
  void concurrentRequestsOnEveryEventLoopShareOnePool() {
    TestGateway gateway = ENV.gateway();
    String token = gateway.token("tenant-pool", TestGateway.READ);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      statuses.add(gateway.request(io.vertx.core.http.HttpMethod.GET, INTEGRATIONS).bearerTokenAuthentication(token)
        .send().map(response -> response.statusCode()));
    }
    Future.all(statuses).await();
    statuses.forEach(status -> assertEquals(200, status.result()));

    // the change feed's LISTEN connection is not the pool's
    int connections = ENV.database().queryInt("SELECT count(*) FROM pg_stat_activity"
      + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> ?",
      ChangeFeedVerticle.APPLICATION_NAME);
    assertTrue(connections >= 1 && connections <= POOL_SIZE,
      connections + " connections for a pool of " + POOL_SIZE + " with 4 persistence verticles");
  }
}
