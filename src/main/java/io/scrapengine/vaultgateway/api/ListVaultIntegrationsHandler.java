package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.ListPosition;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code listVaultIntegrations}: keyset pagination, newest first. A page starts strictly after the previous
 * page's last (createdAt, id), so rows inserted meanwhile never shift what is left to read; the position travels
 * as an opaque cursor ({@link ListCursors}).
 */
final class ListVaultIntegrationsHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "listVaultIntegrations";
  private static final int DEFAULT_LIMIT = 20;

  private final IntegrationService integrations;
  private final ListCursors cursors;

  ListVaultIntegrationsHandler(IntegrationService integrations, ListCursors cursors) {
    this.integrations = integrations;
    this.cursors = cursors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String tenantId = Requests.caller(ctx).tenantId();
    String name = Requests.query(ctx, "name");
    int limit = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT);
    Future.succeededFuture(Requests.query(ctx, "cursor"))
      .map(cursor -> cursor == null ? null : cursors.decode(tenantId, name, cursor))
      .compose(after -> integrations.list(new IntegrationQuery(tenantId, name, after, limit)))
      .map(page -> render(page, nextCursor(tenantId, name, page)))
      .onSuccess(body -> IntegrationResponses.json(ctx, body))
      .onFailure(ctx::fail);
  }

  private String nextCursor(String tenantId, String name, IntegrationQuery.Page page) {
    if (!page.hasMore()) {
      return null;
    }
    Integration last = page.items().get(page.items().size() - 1);
    return cursors.encode(tenantId, name, new ListPosition(last.createdAt(), last.id()));
  }

  private static JsonObject render(IntegrationQuery.Page page, String nextCursor) {
    JsonArray data = new JsonArray();
    page.items().forEach(integration -> data.add(IntegrationJson.of(integration)));
    return new JsonObject().put("data", data).put("nextCursor", nextCursor);
  }
}
