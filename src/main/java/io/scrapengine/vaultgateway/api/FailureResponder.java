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
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    Problem problem = toProblem(ctx.failure(), ctx.statusCode(), ctx);
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
    }
    if (problem.status() == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(ctx.failure())));
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
      return Problem.of(400, "VALIDATION_FAILED", "Validation failed", "A parameter value could not be decoded.");
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException validation) {
        return ContractViolations.problem(validation, () -> internal(ctx, validation));
      }
      return fromStatus(http.getStatusCode(), ctx, failure);
    }
    if (failure != null) {
      return internal(ctx, failure);
    }
    return fromStatus(statusCode, ctx, null);
  }

  private Problem fromStatus(int status, RoutingContext ctx, Throwable failure) {
    return switch (status) {
      case 400 -> Problem.of(400, "VALIDATION_FAILED", "Validation failed", "The request is malformed.");
      case 401 -> HttpProblems.unauthenticated("A valid bearer token is required.");
      case 403 -> Problem.of(403, "FORBIDDEN", "Forbidden", "The token does not allow this operation.");
      case 404 -> Problem.of(404, "NOT_FOUND", "Not found", "No resource at " + ctx.request().path() + ".");
      case 405 -> Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed",
        ctx.request().method().name() + " is not allowed on " + ctx.request().path() + ".");
      case 413 -> Problem.of(413, "PAYLOAD_TOO_LARGE", "Payload too large",
        "The request body exceeds " + bodyLimitBytes + " bytes.");
      case 415 -> HttpProblems.unsupportedMediaType();
      case 503 -> Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
        "The service is temporarily unavailable. Please retry.");
      default -> internal(ctx, failure);
    };
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
