package io.scrapengine.bench.bare;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The bench's comparator: the gateway's create/get/list SQL behind a bare Vert.x HTTP server, so that run.sh can
 * report how much of the throughput a server with nothing else to do reaches the gateway keeps. Bench only, never
 * shipped. It uses the gateway's table as the gateway's migrations left it and creates nothing.
 *
 * <p>Environment: {@code HTTP_PORT} (18180; the host is always 127.0.0.1), {@code BARE_INSTANCES} (HTTP verticle
 * instances, default one per CPU core), {@code DB_POOL_SIZE} (connections of the one pool all instances share,
 * default 8), {@code DB_WAIT_QUEUE_SIZE} (1024), and the libpq variables {@code PGHOST} (must be loopback),
 * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}. SIGTERM drains and closes.
 */
public final class BareServer {

  private static final String HOST = "127.0.0.1";
  private static final String POOL_NAME = "bench-bare";

  private BareServer() {
  }

  public static void main(String[] args) {
    int instances;
    int port;
    PgConnectOptions connectOptions;
    PoolOptions poolOptions;
    try {
      instances = Loopback.envInt("BARE_INSTANCES", Runtime.getRuntime().availableProcessors(), 1, 256);
      port = Loopback.envInt("HTTP_PORT", 18180, 1, 65535);
      connectOptions = PgConnectOptions.fromEnv();
      connectOptions.setHost(Loopback.require(connectOptions.getHost(), "PGHOST"))
        // as the gateway: statements prepared once per connection, pipelining at the client's default
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(64)
        .setPipeliningLimit(PgConnectOptions.DEFAULT_PIPELINING_LIMIT);
      poolOptions = new PoolOptions()
        .setShared(true)
        .setName(POOL_NAME)
        .setMaxSize(Loopback.envInt("DB_POOL_SIZE", 8, 1, 512))
        .setMaxWaitQueueSize(Loopback.envInt("DB_WAIT_QUEUE_SIZE", 1024, 1, 1_000_000));
    } catch (IllegalArgumentException e) {
      System.err.println("bare server: " + e.getMessage());
      System.exit(2);
      return;
    }

    Vertx vertx = Vertx.vertx();
    PgConnectOptions connect = connectOptions;
    PoolOptions pool = poolOptions;
    try {
      vertx.deployVerticle(() -> new BareHttpVerticle(HOST, port, connect, pool),
          new DeploymentOptions().setInstances(instances))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | InterruptedException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      System.err.println("bare server failed to start: " + cause);
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        // closing Vert.x undeploys the instances: each drains its server, then gives back its pool lease
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        System.out.println("bare server stopped");
      } catch (Exception e) {
        System.err.println("bare server: shutdown did not complete cleanly: " + e.getClass().getSimpleName());
      }
    }, "bare-server-shutdown"));
    System.out.printf("bare server listening on http://%s:%d with %d instance(s); one shared pool of %d connections"
        + " to %s:%d/%s%n", HOST, port, instances, pool.getMaxSize(), connect.getHost(), connect.getPort(),
      connect.getDatabase());
  }
}
