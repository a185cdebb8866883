package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.auth.Caller;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.CredentialRef;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.Map;
import java.util.UUID;

/** Reads what the security and validation handlers established; by now every value obeys the contract. */
final class Requests {

  private Requests() {
  }

  static Caller caller(RoutingContext ctx) {
    return ctx.get(Caller.CONTEXT_KEY);
  }

  /** Who is asking, for the audit trail: the API key's subject and the request's id. */
  static Actor actor(RoutingContext ctx) {
    Caller caller = caller(ctx);
    return new Actor(caller.subject() == null ? "tenant:" + caller.tenantId() : caller.subject(),
      RequestIds.of(ctx));
  }

  /** The credential named by the {@code id} path parameter, within the caller's tenant. */
  static CredentialRef credentialRef(RoutingContext ctx) {
    return new CredentialRef(caller(ctx).tenantId(), UUID.fromString(validated(ctx).getPathParameters().get("id")
      .getString()));
  }

  private static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** The JSON body, or null when the operation's body is optional and none came. */
  static JsonObject body(RoutingContext ctx) {
    RequestParameter body = validated(ctx).getBody();
    return body == null || body.isNull() ? null : body.getJsonObject();
  }

  /** The integration named by the {@code id} path parameter, within the caller's tenant. */
  static IntegrationRef integrationRef(RoutingContext ctx) {
    String id = validated(ctx).getPathParameters().get("id").getString();
    return new IntegrationRef(caller(ctx).tenantId(), UUID.fromString(id));
  }

  static String header(RoutingContext ctx, String name) {
    return string(validated(ctx).getHeaders(), name);
  }

  static String query(RoutingContext ctx, String name) {
    return string(validated(ctx).getQuery(), name);
  }

  static boolean queryFlag(RoutingContext ctx, String name) {
    RequestParameter parameter = validated(ctx).getQuery().get(name);
    return parameter != null && !parameter.isNull() && Boolean.TRUE.equals(parameter.get());
  }

  static int queryInt(RoutingContext ctx, String name, int fallback) {
    RequestParameter parameter = validated(ctx).getQuery().get(name);
    return parameter == null || parameter.isNull() ? fallback : parameter.getInteger();
  }

  private static String string(Map<String, RequestParameter> parameters, String name) {
    RequestParameter parameter = parameters.get(name);
    return parameter == null || parameter.isNull() ? null : parameter.getString();
  }
}
