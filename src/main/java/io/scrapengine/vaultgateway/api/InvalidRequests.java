package io.scrapengine.vaultgateway.api;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.Locale;

/**
 * Answers requests that the HTTP decoder itself refused, before any router sees them: a request line or header
 * that does not parse, one that is too long, an HTTP version we do not speak. Vert.x's default answers these with
 * an empty body; here each gets a problem document with its own code, then the connection is closed, since the
 * decoder cannot tell where the next request would start.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  /** Longest request line accepted (method, target, version); longer ones get 414. */
  static final int MAX_INITIAL_LINE_BYTES = 8192;
  /** Largest header block accepted; larger ones get 431. */
  static final int MAX_HEADER_BYTES = 16384;

  private final String realm;

  InvalidRequests(String realm) {
    this.realm = realm;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Problem problem = problem(request.decoderResult());
    request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    FailureResponder.send(request.response(), problem, realm);
    request.connection().close();
  }

  static Problem problem(DecoderResult result) {
    Throwable cause = result == null ? null : result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return HttpProblems.uriTooLong(MAX_INITIAL_LINE_BYTES);
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpProblems.headersTooLarge(MAX_HEADER_BYTES);
    }
    if (cause instanceof HttpVersionGuard.UnsupportedVersion) {
      return HttpProblems.unsupportedHttpVersion();
    }
    String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("version")) {
      return HttpProblems.unsupportedHttpVersion();
    }
    if (message.contains("header")) {
      return HttpProblems.malformedRequest("A request header is malformed.");
    }
    return HttpProblems.malformedRequest("The request line or a header is malformed.");
  }
}
