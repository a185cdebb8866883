package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.auth.Caller;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.ListPosition;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code listVaultIntegrations}: keyset pagination, newest first. A page starts strictly after the previous
 * page's last (createdAt, id), so rows inserted meanwhile never shift what is left to read.
 */
final class ListVaultIntegrationsHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "listVaultIntegrations";
  private static final int DEFAULT_LIMIT = 20;

  private final StoreClient store;
  private final ListCursors cursors;

  ListVaultIntegrationsHandler(StoreClient store, ListCursors cursors) {
    this.store = store;
    this.cursors = cursors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Requests.caller(ctx);
    String name = Requests.query(ctx, "name");
    String cursor = Requests.query(ctx, "cursor");
    int limit = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT);
    Future<ListPosition> after = cursor == null ? Future.succeededFuture()
      : cursors.decode(caller.tenantId(), name, cursor);
    after
      .compose(position -> store.listIntegrations(new IntegrationQuery(caller.tenantId(), name, position, limit)))
      .compose(page -> {
        if (!page.hasMore()) {
          return Future.succeededFuture(render(page, null));
        }
        Integration last = page.items().get(page.items().size() - 1);
        return cursors.encode(caller.tenantId(), name, new ListPosition(last.createdAt(), last.id()))
          .map(next -> render(page, next));
      })
      .onSuccess(body -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, IntegrationResponses.JSON)
        .end(body.toBuffer()))
      .onFailure(ctx::fail);
  }

  private static JsonObject render(IntegrationQuery.Page page, String nextCursor) {
    JsonArray data = new JsonArray();
    page.items().forEach(integration -> data.add(IntegrationJson.of(integration)));
    return new JsonObject().put("data", data).put("nextCursor", nextCursor);
  }
}
