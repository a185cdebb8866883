package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.DatabaseConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** What the persistence verticle needs: where the database is, how to pool it, how long audit events stay. */
public record PersistenceOptions(PgConnectOptions connect, PoolOptions pool, NetClientOptions net,
                                 int auditRetentionDays) {

  public static PersistenceOptions from(DatabaseConfig database, PgConnectOptions connect, int auditRetentionDays) {
    return new PersistenceOptions(connect, PgOptions.poolOptions(database, connect), PgOptions.netOptions(database),
      auditRetentionDays);
  }
}
