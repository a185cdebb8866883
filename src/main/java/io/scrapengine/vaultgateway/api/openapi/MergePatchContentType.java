package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * A JSON merge patch (RFC 7396) is JSON; vertx-openapi 5.0 only validates media types it knows, so PATCH
 * requests labelled {@code application/merge-patch+json} are relabelled {@code application/json} before
 * validation. Other methods keep their label and get 415 as usual. Goes with {@link RouterContract}'s media-type
 * part once vertx-openapi 5.1's {@code MediaTypeRegistry} can be told about merge patches.
 */
final class MergePatchContentType {

  static final String MEDIA_TYPE = "application/merge-patch+json";

  private MergePatchContentType() {
  }

  static void normalise(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (ctx.request().method() == HttpMethod.PATCH && contentType != null
      && contentType.toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE)) {
      ctx.request().headers().set(HttpHeaders.CONTENT_TYPE,
        "application/json" + contentType.substring(MEDIA_TYPE.length()));
    }
    ctx.next();
  }
}
