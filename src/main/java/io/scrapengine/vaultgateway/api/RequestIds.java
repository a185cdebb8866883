package io.scrapengine.vaultgateway.api;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request's id: the client's well-formed {@code X-Request-Id} (so one id follows a request through the caller's
 * systems and ours), else one made here; the same for the whole request, in the echoed header, every log line and
 * the audit trail. Well-formed is short and plain, because the id is echoed and written to logs.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  private static final String CONTEXT_KEY = "vault-gateway.request-id";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {
  }

  static String of(RoutingContext ctx) {
    String id = ctx.get(CONTEXT_KEY);
    if (id == null) {
      id = acceptOrCreate(ctx.request().getHeader(HEADER));
      ctx.put(CONTEXT_KEY, id);
    }
    return id;
  }

  static String acceptOrCreate(String offered) {
    return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
  }
}
