package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.credentials.CredentialService;
import io.scrapengine.vaultgateway.model.Credential;
import io.scrapengine.vaultgateway.model.CredentialQuery;
import io.scrapengine.vaultgateway.model.ListPosition;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * The credential operations, each parse, one service call, render: create (201 with Location and ETag, replayed
 * Idempotency-Key requests say so), list (newest first, cursor paging, optional integrationId filter), get,
 * merge-patch (If-Match), delete (If-Match), and resolve (the task runner's read of the secret, never cached).
 */
final class CredentialHandlers {

  static final String CREATE = "createCredential";
  static final String LIST = "listCredentials";
  static final String GET = "getCredential";
  static final String UPDATE = "updateCredential";
  static final String DELETE = "deleteCredential";
  static final String RESOLVE = "resolveCredential";
  private static final int DEFAULT_LIMIT = 20;

  private final CredentialService credentials;
  private final ListCursors cursors;

  CredentialHandlers(CredentialService credentials, ListCursors cursors) {
    this.credentials = credentials;
    this.cursors = cursors;
  }

  Handler<RoutingContext> create() {
    return ctx -> credentials.create(CredentialRequests.create(ctx))
      .onSuccess(created -> {
        IntegrationResponses.createdHeaders(ctx, created.value().id(), created.replayed());
        CredentialResponses.send(ctx, 201, created.value());
      })
      .onFailure(ctx::fail);
  }

  Handler<RoutingContext> get() {
    return ctx -> credentials.get(Requests.credentialRef(ctx))
      .onSuccess(credential -> CredentialResponses.send(ctx, 200, credential))
      .onFailure(ctx::fail);
  }

  Handler<RoutingContext> update() {
    return ctx -> credentials.update(CredentialRequests.update(ctx))
      .onSuccess(credential -> CredentialResponses.send(ctx, 200, credential))
      .onFailure(ctx::fail);
  }

  Handler<RoutingContext> delete() {
    return ctx -> credentials.delete(Requests.credentialRef(ctx), EntityTags.condition(Requests.header(ctx,
        "If-Match")), Requests.actor(ctx))
      .onSuccess(ignored -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  Handler<RoutingContext> list() {
    return ctx -> {
      String tenantId = Requests.caller(ctx).tenantId();
      String integration = Requests.query(ctx, "integrationId");
      UUID integrationId = integration == null ? null : UUID.fromString(integration);
      int limit = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT);
      Future.succeededFuture(Requests.query(ctx, "cursor"))
        .map(cursor -> cursor == null ? null : cursors.decode(tenantId, integration, cursor))
        .compose(after -> credentials.list(new CredentialQuery(tenantId, integrationId, after, limit)))
        .map(page -> render(page, nextCursor(tenantId, integration, page)))
        .onSuccess(body -> IntegrationResponses.json(ctx, body))
        .onFailure(ctx::fail);
    };
  }

  Handler<RoutingContext> resolve() {
    return ctx -> credentials.resolve(Requests.credentialRef(ctx), Requests.actor(ctx))
      .onSuccess(resolution -> ctx.response()
        // the values are the customer's secrets: no cache anywhere may keep them
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("Pragma", "no-cache")
        .putHeader(HttpHeaders.CONTENT_TYPE, IntegrationResponses.JSON)
        .end(CredentialJson.of(resolution).toBuffer()))
      .onFailure(ctx::fail);
  }

  private String nextCursor(String tenantId, String filter, CredentialQuery.Page page) {
    if (!page.hasMore()) {
      return null;
    }
    Credential last = page.items().get(page.items().size() - 1);
    return cursors.encode(tenantId, filter, new ListPosition(last.createdAt(), last.id()));
  }

  private static JsonObject render(CredentialQuery.Page page, String nextCursor) {
    JsonArray data = new JsonArray();
    page.items().forEach(credential -> data.add(CredentialJson.of(credential)));
    return new JsonObject().put("data", data).put("nextCursor", nextCursor);
  }
}
