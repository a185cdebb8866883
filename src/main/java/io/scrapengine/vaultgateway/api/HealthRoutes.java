package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.crypto.KeysetReadiness;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.util.List;

/**
 * {@code /health/live}: the process serves HTTP. {@code /health/ready}: the instance is not shutting down, the
 * database answers, the keyring round-trips, and every key id the stored secrets name is loaded (a missing one is
 * named in the check's data), so a load balancer only sends traffic to instances that can do real work, and stops
 * as soon as one begins to drain.
 */
final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private HealthRoutes() {
  }

  static void mount(Vertx vertx, Router router, StoreClient store, KeysetReadiness keys, ServingState serving) {
    HealthChecks readiness = HealthChecks.create(vertx)
      // fails the moment shutdown begins, so load balancers stop sending before the server stops serving
      .register("serving", CHECK_TIMEOUT_MS,
        promise -> promise.complete(serving.draining() ? Status.KO() : Status.OK()))
      .register("database", CHECK_TIMEOUT_MS, promise -> store.ping()
        .onComplete((ok, failure) -> promise.complete(failure == null ? Status.OK() : Status.KO())))
      .register("keyset", CHECK_TIMEOUT_MS, promise -> keys.missingKeyIds()
        .onComplete((missing, failure) -> promise.complete(failure != null ? Status.KO()
          : missing.isEmpty() ? Status.OK(new JsonObject().put("version", keys.loadedVersion()))
          : Status.KO(new JsonObject().put("version", keys.loadedVersion())
            .put("missingKeyIds", new JsonArray(List.copyOf(missing)))))));
    router.get("/health/live").handler(HealthCheckHandler.create(vertx));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
  }
}
