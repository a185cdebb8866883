package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes string parameters reach validation exactly as sent. vertx-openapi 5.0 decodes a parameter value as JSON
 * when it can: {@code name=1.5} would become a number and fail {@code type: string}, and a quoted entity tag in
 * {@code If-Match} would lose its quotes or not decode at all. Handing it each string value as a JSON string
 * literal makes the decoding give back the very characters the client sent. vertx-openapi 5.1 passes string
 * values through untouched ({@code ParameterTransformer.transformPrimitive}): drop this with that upgrade.
 */
final class LiteralStringParameters implements RequestExtractor {

  private final RequestExtractor delegate = RequestExtractor.withBodyHandler();

  static RequestExtractor create() {
    return new LiteralStringParameters();
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    return delegate.extractValidatableRequest(ctx, operation).map(request -> {
      Map<String, RequestParameter> cookies = new HashMap<>(request.getCookies());
      Map<String, RequestParameter> headers = new HashMap<>(request.getHeaders());
      Map<String, RequestParameter> path = new HashMap<>(request.getPathParameters());
      Map<String, RequestParameter> query = new HashMap<>(request.getQuery());
      for (Parameter parameter : operation.getParameters()) {
        if (parameter.getSchemaType() != SchemaType.STRING) {
          continue;
        }
        Map<String, RequestParameter> values = switch (parameter.getIn()) {
          case COOKIE -> cookies;
          case HEADER -> headers;
          case PATH -> path;
          case QUERY -> query;
        };
        RequestParameter value = values.get(parameter.getName());
        if (value != null && !value.isNull()) {
          values.put(parameter.getName(), new RequestParameterImpl(Json.encode(String.valueOf(value.get()))));
        }
      }
      return request.getBody() == null
        ? new ValidatableRequestImpl(cookies, headers, path, query)
        : new ValidatableRequestImpl(cookies, headers, path, query, request.getBody(), request.getContentType());
    });
  }
}
