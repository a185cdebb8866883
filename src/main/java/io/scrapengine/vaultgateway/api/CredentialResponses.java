package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.Credential;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Answers about one credential: its JSON and the ETag clients send back in If-Match. */
final class CredentialResponses {

  private CredentialResponses() {
  }

  static void send(RoutingContext ctx, int status, Credential credential) {
    ctx.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, IntegrationResponses.JSON)
      .putHeader(HttpHeaders.ETAG, EntityTags.of(credential.version()))
      .end(CredentialJson.of(credential).toBuffer());
  }
}
