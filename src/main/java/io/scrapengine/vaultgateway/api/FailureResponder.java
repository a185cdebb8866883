package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.bus.ServiceException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one place where failures become {@code application/problem+json}. Client faults get a 4xx naming what to
 * fix; our own faults get a bare 5xx, with the detail kept in our log.
 */
public final class FailureResponder implements Handler<RoutingContext> {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);

  private final String realm;
  private final int bodyLimitBytes;

  public FailureResponder(String realm, int bodyLimitBytes) {
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
    ApiException problem = toProblem(ctx.failure(), ctx.statusCode(), ctx);
    int status = problem.code().status();
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
    }
    if (status == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, "1");
    }
    response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(problem.toProblem().toBuffer());
  }

  private ApiException toProblem(Throwable failure, int statusCode, RoutingContext ctx) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof ServiceException service) {
      return switch (service.kind()) {
        case NOT_FOUND -> new ApiException(ProblemCode.NOT_FOUND, service.getMessage());
        case CONFLICT -> new ApiException(ProblemCode.CONFLICT, service.getMessage());
        case IDEMPOTENCY_KEY_IN_USE -> new ApiException(ProblemCode.IDEMPOTENCY_KEY_IN_USE, service.getMessage());
        case PRECONDITION_FAILED -> new ApiException(ProblemCode.PRECONDITION_FAILED, service.getMessage());
        case IDEMPOTENCY_KEY_REUSED -> new ApiException(ProblemCode.IDEMPOTENCY_KEY_REUSED, service.getMessage());
        case UNAVAILABLE -> new ApiException(ProblemCode.SERVICE_UNAVAILABLE, service.getMessage());
        case UNDECRYPTABLE, INTERNAL -> internal(ctx, failure);
      };
    }
    if (failure instanceof DecodeException) {
      // the contract validator could not decode a parameter value as it expected
      return new ApiException(ProblemCode.VALIDATION_FAILED, "A parameter value could not be decoded.");
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException validation) {
        return fromValidation(validation, ctx);
      }
      return fromStatus(http.getStatusCode(), ctx, failure);
    }
    if (failure != null) {
      return internal(ctx, failure);
    }
    return fromStatus(statusCode, ctx, null);
  }

  private static ApiException fromValidation(ValidatorException validation, RoutingContext ctx) {
    String message = String.valueOf(validation.getMessage());
    boolean aboutBody = message.contains(" body");
    if (validation instanceof SchemaValidationException schema) {
      return ApiException.validation(SchemaErrors.fieldErrors(schema.getOutputUnit(),
        aboutBody ? "" : parameterName(message)));
    }
    return switch (validation.type()) {
      case UNSUPPORTED_VALUE_FORMAT -> aboutBody
        ? new ApiException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json.")
        : internal(ctx, validation);
      case ILLEGAL_VALUE -> aboutBody
        ? new ApiException(ProblemCode.MALFORMED_JSON, "The request body is not valid JSON.")
        : ApiException.validation(List.of(new FieldError(parameterName(message), "cannot be decoded")));
      case MISSING_REQUIRED_PARAMETER -> aboutBody
        ? ApiException.validation(List.of(new FieldError("body", "is required")))
        : ApiException.validation(List.of(new FieldError(parameterName(message), "is required")));
      case INVALID_VALUE_FORMAT -> ApiException.validation(
        List.of(new FieldError(parameterName(message), "is not formatted as the contract requires")));
      default -> internal(ctx, validation);
    };
  }

  /** Validator messages name the parameter last ("... parameter limit" or "... parameter limit is invalid."). */
  private static String parameterName(String message) {
    int index = message.indexOf(" parameter ");
    if (index < 0) {
      return "request";
    }
    String rest = message.substring(index + " parameter ".length()).trim();
    int end = rest.indexOf(' ');
    return (end < 0 ? rest : rest.substring(0, end)).replaceAll("[^A-Za-z0-9_.-]", "");
  }

  private ApiException fromStatus(int status, RoutingContext ctx, Throwable failure) {
    return switch (status) {
      case 400 -> new ApiException(ProblemCode.VALIDATION_FAILED, "The request is malformed.");
      case 401 -> new ApiException(ProblemCode.UNAUTHENTICATED, "A valid bearer token is required.");
      case 403 -> new ApiException(ProblemCode.FORBIDDEN, "The token does not allow this operation.");
      case 404 -> new ApiException(ProblemCode.NOT_FOUND, "No resource at " + ctx.request().path() + ".");
      case 405 -> new ApiException(ProblemCode.METHOD_NOT_ALLOWED,
        ctx.request().method().name() + " is not allowed on " + ctx.request().path() + ".");
      case 413 -> new ApiException(ProblemCode.PAYLOAD_TOO_LARGE,
        "The request body exceeds " + bodyLimitBytes + " bytes.");
      case 415 -> new ApiException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json.");
      case 503 -> new ApiException(ProblemCode.SERVICE_UNAVAILABLE, "The service is temporarily unavailable.");
      default -> internal(ctx, failure);
    };
  }

  private static ApiException internal(RoutingContext ctx, Throwable failure) {
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return new ApiException(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred.");
  }
}
