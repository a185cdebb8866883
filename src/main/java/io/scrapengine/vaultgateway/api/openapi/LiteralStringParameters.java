package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands each parameter to validation exactly as the client meant it, decoded once. vertx-openapi 5.0.7's own
 * extraction ({@code RequestUtils.extract}) URL-decodes values that are already decoded or never were encoded:
 * header values ({@code Idempotency-Key: 100%} threw, {@code a%41} became {@code aA}) and query values, which
 * vertx-web has decoded already ({@code ?name=50%25-off} threw, {@code a%2Bb} became "a b"). Here:
 * <ul>
 *   <li>headers are taken as sent: HTTP does not percent-encode header values;</li>
 *   <li>query values are vertx-web's, decoded once (an undecodable query string fails as vertx-web's 400);</li>
 *   <li>path segments are percent-decoded once, strictly as UTF-8 (a '+' stays a '+').</li>
 * </ul>
 * vertx-openapi 5.0 also decodes a value as JSON when it can: {@code name=1.5} would become a number and fail
 * {@code type: string}, and a quoted entity tag in {@code If-Match} would lose its quotes. String parameters are
 * therefore handed over as JSON string literals, which decode to the very characters sent; others (integers,
 * booleans) as their text. Drop this once vertx-openapi decodes each value once and passes strings through (5.1
 * does the latter in {@code ParameterTransformer.transformPrimitive}).
 */
final class LiteralStringParameters implements RequestExtractor {

  private static final RequestParameter ABSENT = new RequestParameterImpl(null);

  static RequestExtractor create() {
    return new LiteralStringParameters();
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    try {
      return Future.succeededFuture(extract(ctx, operation));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static ValidatableRequest extract(RoutingContext ctx, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    MultiMap queryValues = null;
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case HEADER -> headers.put(name, value(parameter, ctx.request().getHeader(name)));
        case QUERY -> {
          if (queryValues == null) {
            queryValues = ctx.queryParams();
          }
          query.put(name, value(parameter, queryValues.get(name)));
        }
        case PATH -> path.put(name, value(parameter, pathSegment(ctx, operation, parameter)));
        case COOKIE -> cookies.put(name, ABSENT);
      }
    }
    if (operation.getRequestBody() == null) {
      return new ValidatableRequestImpl(cookies, headers, path, query);
    }
    Buffer body = ctx.body().buffer();
    return new ValidatableRequestImpl(cookies, headers, path, query, new RequestParameterImpl(body),
      ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
  }

  private static RequestParameter value(Parameter parameter, String value) {
    if (value == null) {
      return ABSENT;
    }
    return new RequestParameterImpl(parameter.getSchemaType() == SchemaType.STRING ? Json.encode(value) : value);
  }

  private static String pathSegment(RoutingContext ctx, Operation operation, Parameter parameter) {
    int segment = RequestUtils.findPathSegment(operation.getAbsoluteOpenAPIPath(), parameter.getName());
    String[] segments = ctx.request().path().substring(1).split("/");
    if (segments.length < segment) {
      return null;
    }
    try {
      return percentDecode(segments[segment - 1]);
    } catch (IllegalArgumentException e) {
      throw ValidatorException.createCantDecodeValue(parameter);
    }
  }

  /** RFC 3986 percent-decoding as UTF-8; a malformed escape or byte sequence is refused, not guessed at. */
  static String percentDecode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new IllegalArgumentException("truncated escape");
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("bad escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
  }
}
