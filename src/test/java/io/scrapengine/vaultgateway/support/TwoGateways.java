package io.scrapengine.vaultgateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Two instances of one deployment, as behind a load balancer: each with its own Vert.x, port and data directory,
 * sharing one database and the key-encryption key. Closing stops both, then drops the database.
 */
public final class TwoGateways implements AutoCloseable {

  private final TestDatabase database;
  private final Vertx vertxA;
  private final Vertx vertxB;
  private final TestGateway a;
  private final TestGateway b;

  private TwoGateways(TestDatabase database, Vertx vertxA, Vertx vertxB, TestGateway a, TestGateway b) {
    this.database = database;
    this.vertxA = vertxA;
    this.vertxB = vertxB;
    this.a = a;
    this.b = b;
  }

  /** @param overrides configuration merged over the test defaults, for both instances */
  public static TwoGateways start(JsonObject overrides) {
    TestDatabase database = TestDatabase.create();
    Vertx vertxA = Vertx.vertx();
    Vertx vertxB = Vertx.vertx();
    TestGateway a = TestGateway.start(vertxA, database, overrides);
    TestGateway b = TestGateway.startBeside(a, vertxB, database, overrides);
    return new TwoGateways(database, vertxA, vertxB, a, b);
  }

  public TestGateway a() {
    return a;
  }

  public TestGateway b() {
    return b;
  }

  /** Instance A's Vert.x, for what the test itself runs (an emulated Vault, a direct client). */
  public Vertx vertx() {
    return vertxA;
  }

  public TestDatabase database() {
    return database;
  }

  @Override
  public void close() {
    try {
      b.close();
      a.close();
    } finally {
      vertxA.close().await();
      vertxB.close().await();
      database.close();
    }
  }
}
