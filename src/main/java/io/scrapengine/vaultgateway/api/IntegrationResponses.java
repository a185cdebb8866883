package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.Integration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Single-integration answers: JSON body plus the ETag clients send back in If-Match. */
final class IntegrationResponses {

  static final String JSON = "application/json";

  private IntegrationResponses() {
  }

  static void send(RoutingContext ctx, int status, Integration integration) {
    send(ctx, status, EntityTags.of(integration), IntegrationJson.of(integration).toBuffer());
  }

  static void send(RoutingContext ctx, int status, String etag, Buffer body) {
    ctx.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
      .putHeader(HttpHeaders.ETAG, etag)
      .end(body);
  }
}
