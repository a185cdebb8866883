package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.util.HashMap;
import java.util.Map;

/**
 * Validates a request against its operation on the event loop that received it. vertx-openapi 5.0.7 (still in
 * 5.1.3) wraps every request validation in {@code executeBlocking}, a hop to the worker pool and back that costs
 * more than the validation itself: the JSON-schema validators are synchronous and compiled once at start
 * ({@link CachedValidatorContract}). This does the same steps as the library's
 * {@code RequestValidatorImpl.validate(ValidatableRequest, String)}, with the same outcome and the same
 * {@code HttpException(400)} around a {@link ValidatorException}, minus the hop. Drop it once vertx-openapi
 * validates synchronously.
 */
final class EventLoopValidation {

  private final Validator validator;
  private final RequestExtractor extractor;

  private EventLoopValidation(Validator validator, RequestExtractor extractor) {
    this.validator = validator;
    this.extractor = extractor;
  }

  static EventLoopValidation create(Vertx vertx, OpenAPIContract contract, RequestExtractor extractor) {
    return new EventLoopValidation(new Validator(vertx, contract), extractor);
  }

  /** The validation step of one operation's route. */
  void validate(RoutingContext ctx, Operation operation) {
    extractor.extractValidatableRequest(ctx, operation).onComplete((request, failure) -> {
      ValidatedRequest validated;
      try {
        if (failure != null) {
          throw failure;
        }
        validated = validator.validateNow(request, operation);
      } catch (ValidatorException e) {
        ctx.fail(new HttpException(400, e.getMessage(), e));
        return;
      } catch (Throwable e) {
        ctx.fail(e);
        return;
      }
      ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
      ctx.next();
    });
  }

  /** The library's validator, with its per-parameter and body steps called directly. */
  private static final class Validator extends RequestValidatorImpl {

    Validator(Vertx vertx, OpenAPIContract contract) {
      super(vertx, contract);
    }

    ValidatedRequest validateNow(ValidatableRequest request, Operation operation) {
      Map<String, RequestParameter> cookies = new HashMap<>();
      Map<String, RequestParameter> headers = new HashMap<>();
      Map<String, RequestParameter> path = new HashMap<>();
      Map<String, RequestParameter> query = new HashMap<>();
      for (Parameter parameter : operation.getParameters()) {
        String name = parameter.getName();
        switch (parameter.getIn()) {
          case COOKIE -> cookies.put(name, validateParameter(parameter, request.getCookies().get(name)));
          case HEADER -> headers.put(name, validateParameter(parameter, request.getHeaders().get(name)));
          case PATH -> path.put(name, validateParameter(parameter, request.getPathParameters().get(name)));
          case QUERY -> query.put(name, validateParameter(parameter, request.getQuery().get(name)));
        }
      }
      return new ValidatedRequestImpl(cookies, headers, path, query,
        validateBody(operation.getRequestBody(), request));
    }
  }
}
