package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditRetentionTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  @Test
  void eventsPastTheRetentionArePurgedAndOthersKept() {
    ENV.database().update("INSERT INTO audit_events (id, tenant_id, occurred_at, actor, action, outcome, latency_ms)"
      + " VALUES (gen_random_uuid(), 't', now() - interval '91 days', 'a', 'credential.resolve', 'OK', 1),"
      + " (gen_random_uuid(), 't', now() - interval '89 days', 'a', 'credential.resolve', 'OK', 1)");
    Pool pool = PgBuilder.pool().connectingTo(PgOptions.connectOptions(ENV.gateway().config().database()))
      .using(ENV.vertx()).build();
    try {
      assertEquals(1, new AuditRepository(pool).purge(90).await());
    } finally {
      pool.close().await();
    }
    assertEquals(1, ENV.database().queryInt("SELECT count(*) FROM audit_events WHERE tenant_id = 't'"));
  }
}
