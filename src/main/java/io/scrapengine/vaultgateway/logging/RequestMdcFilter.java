package io.scrapengine.vaultgateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current request's {@link RequestScope} into the MDC just before Logback builds a log event, and takes
 * it out again on lines written outside any request. Logback snapshots the MDC into the event, so text patterns
 * ({@code %X{requestId}}) and the JSON encoder both see the right request whatever thread or callback logs.
 * Declared in logback.xml; it never filters anything out.
 */
public final class RequestMdcFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                            Throwable t) {
    // only for lines that will be written: no work for disabled debug calls on the hot path
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    RequestScope scope = RequestScope.current();
    if (scope == null) {
      if (MDC.get(RequestScope.REQUEST_ID) != null) {
        MDC.remove(RequestScope.REQUEST_ID);
        MDC.remove(RequestScope.TRACE_ID);
        MDC.remove(RequestScope.TENANT);
        MDC.remove(RequestScope.ROUTE);
      }
      return FilterReply.NEUTRAL;
    }
    put(RequestScope.REQUEST_ID, scope.requestId());
    put(RequestScope.TRACE_ID, scope.traceId());
    put(RequestScope.TENANT, scope.tenant());
    put(RequestScope.ROUTE, scope.route());
    return FilterReply.NEUTRAL;
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
