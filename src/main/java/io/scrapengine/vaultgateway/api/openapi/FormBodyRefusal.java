package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.Locale;

/**
 * The API takes JSON only; a form or multipart body is refused (415) before vertx-web's body handler would decode
 * it as form attributes, with limits and failures of its own (a urlencoded body over its attribute limit failed as
 * a 500). A platform handler, so that it runs ahead of the body handler.
 */
final class FormBodyRefusal implements PlatformHandler {

  @Override
  public void handle(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      String type = contentType.trim().toLowerCase(Locale.ROOT);
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
        ctx.fail(415);
        return;
      }
    }
    ctx.next();
  }
}
