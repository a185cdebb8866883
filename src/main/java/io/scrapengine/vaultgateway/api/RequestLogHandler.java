package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.logging.RequestScope;
import io.scrapengine.vaultgateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The first handler of every request: gives it an id (echoed in {@code X-Request-Id}), opens its
 * {@link RequestScope} for log lines, and when the response is done writes one access-log line and records the
 * request in the metrics, both by route template. The line names method, route template, status, duration, tenant
 * and request id; never the query string, headers or bodies, which may carry secrets.
 */
final class RequestLogHandler implements Handler<RoutingContext> {

  static final String ACCESS_LOGGER = "vault-gateway.access";
  /** The route of requests no route matched, one label value for all of them. */
  static final String UNMATCHED = "unmatched";
  /** The status logged and counted for a request whose caller went away before its answer was sent. */
  static final int CLIENT_CLOSED_REQUEST = 499;
  private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final GatewayMetrics metrics;
  private final boolean accessLog;
  private final Supplier<String> traceIds;

  /** @param traceIds the current trace id, or null when there is none */
  RequestLogHandler(GatewayMetrics metrics, boolean accessLog, Supplier<String> traceIds) {
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.traceIds = traceIds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    String requestId = RequestIds.of(ctx);
    ctx.response().putHeader(RequestIds.HEADER, requestId);
    RequestScope scope = RequestScope.begin(requestId, traceIds.get());
    ContextInternal requestContext = ContextInternal.current();
    ctx.addEndHandler(ended -> {
      long nanos = System.nanoTime() - started;
      // a connection closed by the caller reports on the connection's context, where the request's scope (and so
      // the line's MDC) is not: the line is written on the request's own context
      requestContext.emit(ended.succeeded(), answered -> finished(ctx, scope, answered, nanos));
    });
    ctx.next();
  }

  private void finished(RoutingContext ctx, RequestScope scope, boolean answered, long nanos) {
    String method = ctx.request().method().name();
    String route = routeOf(ctx, scope);
    // a response never sent still reads 200: the caller hung up first, which nginx's 499 names
    int status = answered ? ctx.response().getStatusCode() : CLIENT_CLOSED_REQUEST;
    metrics.httpRequest(method, route, status, nanos);
    if (accessLog && ACCESS.isInfoEnabled()) {
      long micros = nanos / 1_000;
      String tenant = scope.tenant() == null ? "-" : printable(scope.tenant());
      ACCESS.atInfo()
        .addKeyValue("method", method)
        .addKeyValue("route", route)
        .addKeyValue("status", status)
        .addKeyValue("durationMs", micros / 1000.0)
        .addKeyValue("tenant", tenant)
        .addKeyValue("requestId", scope.requestId())
        .log("{} {} {} {} ms tenant={} requestId={}", method, route, status, micros / 1000.0, tenant,
          scope.requestId());
    }
  }

  /** The template the contract or the router matched; never the raw path, which carries ids. */
  private static String routeOf(RoutingContext ctx, RequestScope scope) {
    if (scope.route() != null) {
      return scope.route();
    }
    // routes outside the contract (health, metrics, documents) have fixed paths; a 404 or 405 matched nothing
    int status = ctx.response().getStatusCode();
    if (status != 404 && status != 405 && ctx.currentRoute() != null && ctx.currentRoute().getPath() != null) {
      return ctx.currentRoute().getPath();
    }
    return UNMATCHED;
  }

  /** A tenant id is the identity provider's claim: keep it on one line, whatever it holds. */
  private static String printable(String value) {
    return CONTROL.matcher(value).replaceAll("?");
  }
}
