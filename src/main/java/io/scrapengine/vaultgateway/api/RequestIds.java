package io.scrapengine.vaultgateway.api;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/** A request's id: the client's well-formed {@code X-Request-Id}, else one made here; the same for the request. */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  private static final String CONTEXT_KEY = "vault-gateway.request-id";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {
  }

  static String of(RoutingContext ctx) {
    String id = ctx.get(CONTEXT_KEY);
    if (id == null) {
      String sent = ctx.request().getHeader(HEADER);
      id = sent != null && WELL_FORMED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
      ctx.put(CONTEXT_KEY, id);
    }
    return id;
  }
}
