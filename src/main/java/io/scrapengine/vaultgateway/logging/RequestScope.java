package io.scrapengine.vaultgateway.logging;

import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.context.storage.AccessMode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What log lines written while serving one request should say about it: its id, the trace it belongs to, and,
 * once known, the route template and the caller's tenant. It lives in the request's own Vert.x (duplicated)
 * context, which every callback of that request runs on, so it follows the request across threads and callbacks
 * where a thread-bound MDC would leak into the next request on the same event loop. {@link RequestMdcFilter} copies
 * it into the MDC when a line is written.
 */
public final class RequestScope {

  public static final String REQUEST_ID = "requestId";
  public static final String TRACE_ID = "traceId";
  public static final String TENANT = "tenant";
  public static final String ROUTE = "route";
  private static final String KEY = RequestScope.class.getName();

  private final String requestId;
  private final String traceId;
  private volatile String tenant;
  private volatile String route;

  private RequestScope(String requestId, String traceId) {
    this.requestId = requestId;
    this.traceId = traceId;
  }

  /** Starts the scope of the request served on the current context; {@code traceId} may be null. */
  public static RequestScope begin(String requestId, String traceId) {
    RequestScope scope = new RequestScope(requestId, traceId);
    ConcurrentMap<Object, Object> locals = locals();
    if (locals != null) {
      locals.put(KEY, scope);
    }
    return scope;
  }

  /** The scope of the request being served on this thread's context, or null. */
  public static RequestScope current() {
    ConcurrentMap<Object, Object> locals = locals();
    return locals == null ? null : (RequestScope) locals.get(KEY);
  }

  /** Records the caller's tenant on the current request's scope, if there is one. */
  public static void tenantKnown(String tenant) {
    RequestScope scope = current();
    if (scope != null) {
      scope.tenant = tenant;
    }
  }

  /** Records the matched route template on the current request's scope, if there is one. */
  public static void routeKnown(String route) {
    RequestScope scope = current();
    if (scope != null) {
      scope.route = route;
    }
  }

  public String requestId() {
    return requestId;
  }

  public String traceId() {
    return traceId;
  }

  public String tenant() {
    return tenant;
  }

  public String route() {
    return route;
  }

  private static ConcurrentMap<Object, Object> locals() {
    ContextInternal context = ContextInternal.current();
    // only a duplicated context belongs to one request; the event loop's root context is shared by all of them
    if (context == null || !context.isDuplicate()) {
      return null;
    }
    return context.getLocal(ContextInternal.LOCAL_MAP, AccessMode.CONCURRENT, ConcurrentHashMap::new);
  }
}
