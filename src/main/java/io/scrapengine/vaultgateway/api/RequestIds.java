package io.scrapengine.vaultgateway.api;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: a caller's {@code X-Request-Id} is kept when it is well-formed (so one id follows a request through
 * the caller's systems and ours), else a new one is made. Well-formed is short and plain, because the id is
 * echoed in a header and written to every log line of the request.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private RequestIds() {
  }

  static String acceptOrCreate(String offered) {
    return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
  }
}
