package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyPurgeTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static int create(String token, String key, String name) {
    return ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("Idempotency-Key", key).sendJsonObject(Integrations.named(name)).await().statusCode();
  }

  @Test
  void purgingRemovesOnlyExpiredKeys() {
    String token = ENV.gateway().token("tenant-purge", TestGateway.WRITE);
    assertEquals(201, create(token, "k-purge-old", "old"));
    assertEquals(201, create(token, "k-purge-new", "new"));
    ENV.database().update("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'"
      + " WHERE idempotency_key = ?", "k-purge-old");
    Vertx vertx = ENV.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgOptions.connectOptions(ENV.gateway().config().database()))
      .using(vertx).build();
    try {
      int purged = new IdempotencyRepository(pool).purgeExpired().await();
      assertTrue(purged >= 1);
    } finally {
      pool.close().await();
    }
    assertEquals("k-purge-new", ENV.database().queryString(
      "SELECT string_agg(idempotency_key, ',') FROM idempotency_keys WHERE tenant_id = ?", "tenant-purge"));
  }
}
