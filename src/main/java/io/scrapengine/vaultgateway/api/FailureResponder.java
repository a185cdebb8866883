package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become {@code application/problem+json}: domain errors through
 * {@link DomainProblems}, the HTTP layer's own problems as they are, framework failures by their status. Client
 * faults get a 4xx naming what to fix; our own faults a bare 5xx, with the detail kept in our log.
 *
 * <p>What decides "client fault" is the status the framework chose, not the exception it chose to carry it: vertx-web
 * fails a request with an empty Host or an undecodable query as a 400 around a plain exception, and such a request
 * must stay a 400 here. Only a failure without a client status is ours.
 */
final class FailureResponder implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);

  private final String realm;
  private final int bodyLimitBytes;

  FailureResponder(String realm, int bodyLimitBytes) {
    this.realm = realm;
    this.bodyLimitBytes = bodyLimitBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, ctx.statusCode());
  }

  /**
   * For the router's error handlers: vertx-web calls them for what it fails before any route (an undecodable path)
   * without telling the context the status it chose, so each handler is registered with its status.
   */
  Handler<RoutingContext> forStatus(int status) {
    return ctx -> respond(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
  }

  private void respond(RoutingContext ctx, int statusCode) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    Throwable failure = ctx.failure();
    if (failure != null && raisedByHttpDecoder(failure)) {
      // the body's framing broke (a bad chunk size): the connection cannot carry another request
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      send(response, HttpProblems.malformedRequest("The request body's framing is malformed."), realm);
      ctx.request().connection().close();
      return;
    }
    Problem problem = toProblem(failure, statusCode, ctx);
    if (problem.status() == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(failure)));
    }
    send(response, problem, realm);
  }

  /** Writes {@code problem}; also used for answers made before any router runs (see {@link InvalidRequests}). */
  static void send(HttpServerResponse response, Problem problem, String realm) {
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
    }
    if (problem.status() == 503 && !response.headers().contains(HttpHeaders.RETRY_AFTER)) {
      response.putHeader(HttpHeaders.RETRY_AFTER, "1");
    }
    response.setStatusCode(problem.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(problem.toJson().toBuffer());
  }

  private Problem toProblem(Throwable failure, int statusCode, RoutingContext ctx) {
    if (failure instanceof ProblemException problem) {
      return problem.problem();
    }
    if (failure instanceof DomainException domain) {
      if (domain.is(ErrorCode.INTERNAL_ERROR) || domain.is(ErrorCode.UNDECRYPTABLE)) {
        LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), domain.getMessage());
      }
      return DomainProblems.of(domain);
    }
    if (failure instanceof DecodeException) {
      // the contract validator could not decode a parameter value as it expected
      return Problem.validation("request", "a parameter value cannot be decoded");
    }
    if (failure instanceof ValidatorException validation) {
      return ContractViolations.problem(validation, () -> internal(ctx, validation));
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException validation) {
        return ContractViolations.problem(validation, () -> internal(ctx, validation));
      }
      return fromStatus(http.getStatusCode(), ctx, failure);
    }
    return fromStatus(statusCode, ctx, failure);
  }

  private Problem fromStatus(int status, RoutingContext ctx, Throwable failure) {
    return switch (status) {
      case 400 -> HttpProblems.malformedRequest(malformation(ctx));
      case 401 -> HttpProblems.unauthenticated("A valid bearer token is required.");
      case 403 -> Problem.of(403, "FORBIDDEN", "Forbidden", "The token does not allow this operation.");
      case 404 -> HttpProblems.notFound(ctx.request().path());
      case 405 -> HttpProblems.methodNotAllowed(ctx.request().method().name(), ctx.request().path());
      case 413 -> HttpProblems.payloadTooLarge(bodyLimitBytes);
      case 414 -> HttpProblems.uriTooLong(InvalidRequests.MAX_INITIAL_LINE_BYTES);
      case 415 -> HttpProblems.unsupportedMediaType();
      case 417 -> HttpProblems.expectationFailed();
      case 431 -> HttpProblems.headersTooLarge(InvalidRequests.MAX_HEADER_BYTES);
      case 503 -> HttpProblems.serviceUnavailable();
      default -> status >= 400 && status < 500 ? HttpProblems.clientError(status) : internal(ctx, failure);
    };
  }

  /** What vertx-web found wrong when it fails a request with a bare 400, in our words. */
  private static String malformation(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    if (host == null || host.isBlank()) {
      return "The Host header is missing or empty.";
    }
    if (ctx.request().query() != null) {
      return "The request path or query string is not validly encoded.";
    }
    return "The request path is not validly encoded.";
  }

  /** Netty's HTTP decoder fails a body it cannot frame with its own exceptions, raised from its codec package. */
  private static boolean raisedByHttpDecoder(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("io.netty.handler.codec.");
  }

  private static long retryAfterSeconds(Throwable failure) {
    return failure instanceof DomainException domain && domain.retryAfterSeconds() > 0
      ? domain.retryAfterSeconds() : 1;
  }

  private static Problem internal(RoutingContext ctx, Throwable failure) {
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return DomainProblems.internal();
  }
}
