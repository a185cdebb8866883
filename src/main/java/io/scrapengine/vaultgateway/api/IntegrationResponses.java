package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.idempotency.Created;
import io.scrapengine.vaultgateway.model.Integration;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers about integrations: JSON bodies, the ETag clients send back in If-Match, the Location of a new one. */
final class IntegrationResponses {

  static final String JSON = "application/json";
  static final String REPLAYED = "Idempotent-Replayed";

  private IntegrationResponses() {
  }

  static void send(RoutingContext ctx, int status, Integration integration) {
    ctx.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
      .putHeader(HttpHeaders.ETAG, EntityTags.of(integration))
      .end(IntegrationJson.of(integration).toBuffer());
  }

  /** 201 with the new integration's Location; a replay of an earlier create says so. */
  static void created(RoutingContext ctx, Created<Integration> created) {
    createdHeaders(ctx, created.value().id(), created.replayed());
    send(ctx, 201, created.value());
  }

  /** The Location of an object created under the request's path, and whether it is a replay. */
  static void createdHeaders(RoutingContext ctx, java.util.UUID id, boolean replayed) {
    String path = ctx.normalizedPath();
    ctx.response().putHeader(HttpHeaders.LOCATION, (path.endsWith("/") ? path : path + "/") + id);
    if (replayed) {
      ctx.response().putHeader(REPLAYED, "true");
    }
  }

  /** 200 with a JSON body that is not an integration (a page, a test result). */
  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.toBuffer());
  }
}
