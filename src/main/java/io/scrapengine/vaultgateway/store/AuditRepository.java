package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.AuditEvent;
import io.scrapengine.vaultgateway.model.AuditQuery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Audit events in PostgreSQL, written by group commit: the first event goes out at once; events that arrive while
 * a write is under way wait for it and then go out together, in one statement and one round trip. So an event is
 * durable before its request is answered, at the cost of one batched insert however many requests there are.
 * One instance per persistence verticle, used from its event loop only.
 */
final class AuditRepository {

  static final int MAX_BATCH = 512;
  private static final String INSERT = "INSERT INTO audit_events (id, tenant_id, occurred_at, actor, action,"
    + " integration_id, credential_id, vault_path, outcome, detail, request_id, latency_ms)"
    + " SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::uuid[],"
    + " $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[])";
  private static final String COLUMNS = "id, tenant_id, occurred_at, actor, action, integration_id, credential_id,"
    + " vault_path, outcome, detail, request_id, latency_ms";
  private static final String SELECT_PAGE = "SELECT " + COLUMNS + " FROM audit_events WHERE tenant_id = $1"
    + " AND ($2::uuid IS NULL OR credential_id = $2) AND ($3::uuid IS NULL OR integration_id = $3)"
    + " AND ($4::text IS NULL OR action = $4) AND ($5::timestamptz IS NULL OR occurred_at >= $5)"
    + " AND ($6::timestamptz IS NULL OR (occurred_at, id) < ($6, $7))"
    + " ORDER BY occurred_at DESC, id DESC LIMIT $8";
  /** Purges a bounded slice at a time, so that a large backlog never holds a long transaction. */
  private static final String PURGE = "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events"
    + " WHERE occurred_at < now() - make_interval(days => $1) LIMIT 10000)";

  private record Pending(AuditEvent event, Promise<Void> written) {
  }

  private final Pool pool;
  private final Deque<Pending> waiting = new ArrayDeque<>();
  private boolean writing;

  AuditRepository(Pool pool) {
    this.pool = pool;
  }

  /** Completes once the event is committed; fails (the event is lost) when the database cannot take it. */
  Future<Void> append(AuditEvent event) {
    Promise<Void> written = Promise.promise();
    waiting.add(new Pending(event, written));
    if (!writing) {
      writeNextBatch();
    }
    return written.future();
  }

  private void writeNextBatch() {
    if (waiting.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(waiting.poll());
    }
    pool.preparedQuery(INSERT).execute(columns(batch)).onComplete((rows, failure) -> {
      if (failure == null) {
        batch.forEach(pending -> pending.written().complete());
      } else {
        // an action that cannot be audited is not carried out: its caller answers 503 (or 500 for a bug of ours)
        DomainException cause = SqlFailures.classify("write audit events", failure);
        DomainException refusal = cause.is(ErrorCode.SERVICE_UNAVAILABLE)
          ? DomainException.unavailable(Subject.AUDIT_LOG) : cause;
        batch.forEach(pending -> pending.written().fail(refusal));
      }
      writeNextBatch();
    });
  }

  /** The batch as one array per column, for a single INSERT ... SELECT FROM unnest(...). */
  private static Tuple columns(List<Pending> batch) {
    int size = batch.size();
    UUID[] ids = new UUID[size];
    String[] tenants = new String[size];
    OffsetDateTime[] times = new OffsetDateTime[size];
    String[] actors = new String[size];
    String[] actions = new String[size];
    UUID[] integrations = new UUID[size];
    UUID[] credentials = new UUID[size];
    String[] paths = new String[size];
    String[] outcomes = new String[size];
    String[] details = new String[size];
    String[] requests = new String[size];
    Integer[] latencies = new Integer[size];
    for (int i = 0; i < size; i++) {
      AuditEvent event = batch.get(i).event();
      ids[i] = event.id();
      tenants[i] = event.tenantId();
      times[i] = event.occurredAt().atOffset(ZoneOffset.UTC);
      actors[i] = event.actor();
      actions[i] = event.action();
      integrations[i] = event.integrationId();
      credentials[i] = event.credentialId();
      paths[i] = event.vaultPath();
      outcomes[i] = event.outcome();
      details[i] = event.detail();
      requests[i] = event.requestId();
      latencies[i] = (int) Math.min(Integer.MAX_VALUE, event.latencyMs());
    }
    return Tuple.tuple().addValue(ids).addValue(tenants).addValue(times).addValue(actors).addValue(actions)
      .addValue(integrations).addValue(credentials).addValue(paths).addValue(outcomes).addValue(details)
      .addValue(requests).addValue(latencies);
  }

  Future<AuditQuery.Page> list(AuditQuery query) {
    int fetch = query.limit() + 1;
    return pool.preparedQuery(SELECT_PAGE).execute(Tuple.tuple()
        .addValue(query.tenantId())
        .addValue(query.credentialId())
        .addValue(query.integrationId())
        .addValue(query.action())
        .addValue(query.since() == null ? null : query.since().atOffset(ZoneOffset.UTC))
        .addValue(query.after() == null ? null : query.after().createdAt().atOffset(ZoneOffset.UTC))
        .addValue(query.after() == null ? null : query.after().id())
        .addValue(fetch))
      .recover(failure -> SqlFailures.failed("list audit events", failure))
      .map(rows -> {
        List<AuditEvent> items = new ArrayList<>(fetch);
        rows.forEach(row -> items.add(toEvent(row)));
        boolean hasMore = items.size() > query.limit();
        return new AuditQuery.Page(hasMore ? items.subList(0, query.limit()) : items, hasMore);
      });
  }

  /** Deletes events older than {@code retentionDays}, a slice at a time; answers how many went. */
  Future<Integer> purge(int retentionDays) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(retentionDays)).map(rows -> rows.rowCount());
  }

  private static AuditEvent toEvent(Row row) {
    return new AuditEvent(row.getUUID("id"), row.getOffsetDateTime("occurred_at").toInstant(),
      row.getString("tenant_id"), row.getString("actor"), row.getString("action"), row.getUUID("integration_id"),
      row.getUUID("credential_id"), row.getString("vault_path"), row.getString("outcome"), row.getString("detail"),
      row.getString("request_id"), row.getInteger("latency_ms"));
  }
}
