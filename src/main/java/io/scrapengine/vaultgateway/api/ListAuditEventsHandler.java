package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.audit.AuditLog;
import io.scrapengine.vaultgateway.model.AuditEvent;
import io.scrapengine.vaultgateway.model.AuditQuery;
import io.scrapengine.vaultgateway.model.ListPosition;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** {@code listAuditEvents}: the tenant's audit trail, newest first, filtered, a page at a time. */
final class ListAuditEventsHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "listAuditEvents";
  private static final int DEFAULT_LIMIT = 50;

  private final AuditLog audit;
  private final ListCursors cursors;

  ListAuditEventsHandler(AuditLog audit, ListCursors cursors) {
    this.audit = audit;
    this.cursors = cursors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String tenantId = Requests.caller(ctx).tenantId();
    String credential = Requests.query(ctx, "credentialId");
    String integration = Requests.query(ctx, "integrationId");
    String action = Requests.query(ctx, "action");
    String since = Requests.query(ctx, "since");
    // a cursor belongs to one combination of filters
    String filter = credential + "|" + integration + "|" + action + "|" + since;
    int limit = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT);
    Future.succeededFuture(Requests.query(ctx, "cursor"))
      .map(cursor -> cursor == null ? null : cursors.decode(tenantId, filter, cursor))
      .compose(after -> audit.list(new AuditQuery(tenantId, uuid(credential), uuid(integration), action,
        since == null ? null : OffsetDateTime.parse(since).toInstant(), after, limit)))
      .map(page -> render(page, page.hasMore() ? cursors.encode(tenantId, filter, last(page)) : null))
      .onSuccess(body -> IntegrationResponses.json(ctx, body))
      .onFailure(ctx::fail);
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }

  private static ListPosition last(AuditQuery.Page page) {
    AuditEvent last = page.items().get(page.items().size() - 1);
    return new ListPosition(last.occurredAt(), last.id());
  }

  private static JsonObject render(AuditQuery.Page page, String nextCursor) {
    JsonArray data = new JsonArray();
    page.items().forEach(event -> data.add(json(event)));
    return new JsonObject().put("data", data).put("nextCursor", nextCursor);
  }

  private static JsonObject json(AuditEvent event) {
    return new JsonObject()
      .put("id", event.id().toString())
      .put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()))
      .put("actor", event.actor())
      .put("action", event.action())
      .put("integrationId", event.integrationId() == null ? null : event.integrationId().toString())
      .put("credentialId", event.credentialId() == null ? null : event.credentialId().toString())
      .put("vaultPath", event.vaultPath())
      .put("outcome", event.outcome())
      .put("detail", event.detail())
      .put("requestId", event.requestId())
      .put("latencyMs", event.latencyMs());
  }
}
