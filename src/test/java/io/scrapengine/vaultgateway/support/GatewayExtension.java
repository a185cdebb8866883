package io.scrapengine.vaultgateway.support;

import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway per test class, on its own database and Vert.x:
 * {@code @RegisterExtension static final GatewayExtension ENV = GatewayExtension.create();}.
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {

  private final JsonObject overrides;
  private Vertx vertx;
  private TestDatabase database;
  private TestGateway gateway;

  private GatewayExtension(JsonObject overrides) {
    this.overrides = overrides;
  }

  public static GatewayExtension create() {
    return new GatewayExtension(new JsonObject());
  }

  /** @param overrides configuration merged over the test defaults */
  public static GatewayExtension withConfig(JsonObject overrides) {
    return new GatewayExtension(overrides);
  }

  /** A gateway that may reach Vaults on loopback, where the tests' emulators listen (operators allow it by CIDR). */
  public static GatewayExtension reachingLoopbackVaults() {
    return withConfig(new JsonObject().put("vault", new JsonObject()
      .put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    database = TestDatabase.create();
    gateway = TestGateway.start(vertx, database, overrides);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      gateway.close();
      vertx.close().await();
    } finally {
      database.close();
    }
  }

  public TestGateway gateway() {
    return gateway;
  }

  public TestDatabase database() {
    return database;
  }

  public Vertx vertx() {
    return vertx;
  }
}
