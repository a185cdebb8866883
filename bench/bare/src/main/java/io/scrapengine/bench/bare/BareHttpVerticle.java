package io.scrapengine.bench.bare;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the bare server: the gateway's three routes, each one statement on the shared pool and the JSON
 * it renders, with no router, authentication, schema validation, encryption or event bus. Every request acts for
 * tenant {@code bench}, the tenant of the token run.sh mints for the gateway, so both servers see the same rows.
 */
final class BareHttpVerticle extends VerticleBase {

  static final String COLLECTION = "/api/v1/vault-integrations";
  private static final String TENANT = "bench";
  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final int SHUTDOWN_GRACE_SECONDS = 5;
  // The gateway's id generator: time-ordered UUIDs (version 7), so the primary key index behaves the same.
  private static final NoArgGenerator IDS = Generators.timeBasedEpochGenerator();

  private final String host;
  private final int port;
  private final PgConnectOptions connectOptions;
  private final PoolOptions poolOptions;
  private Pool pool;
  private HttpServer server;

  BareHttpVerticle(String host, int port, PgConnectOptions connectOptions, PoolOptions poolOptions) {
    this.host = host;
    this.port = port;
    this.connectOptions = connectOptions;
    this.poolOptions = poolOptions;
  }

  @Override
  public Future<?> start() {
    // Shared and named: every instance gets a lease on one pool; the last lease to close closes it.
    pool = PgBuilder.pool().with(new PoolOptions(poolOptions)).connectingTo(connectOptions).using(vertx).build();
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(false))
      .requestHandler(this::route)
      .listen()
      .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture()
      : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    return drained.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  private void route(HttpServerRequest request) {
    String path = request.path();
    HttpMethod method = request.method();
    if (path.equals(COLLECTION)) {
      if (HttpMethod.POST.equals(method)) {
        create(request);
      } else if (HttpMethod.GET.equals(method)) {
        list(request);
      } else {
        problem(request, 405, "Method not allowed.");
      }
    } else if (path.startsWith(COLLECTION + "/") && HttpMethod.GET.equals(method)) {
      get(request, path.substring(COLLECTION.length() + 1));
    } else if (path.equals("/health") && HttpMethod.GET.equals(method)) {
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end("{\"status\":\"UP\"}");
    } else {
      problem(request, 404, "No such resource.");
    }
  }

  /** POST: the body the gateway takes, stored as it comes (no checks) with a fixed stand-in ciphertext. */
  private void create(HttpServerRequest request) {
    request.body().onComplete(read -> {
      if (read.failed()) {
        problem(request, 400, "The request body could not be read.");
        return;
      }
      JsonObject body;
      JsonObject config;
      try {
        body = read.result().toJsonObject();
        config = body.getJsonObject("config");
      } catch (RuntimeException notJson) {
        problem(request, 400, "The request body is not a JSON object of the expected shape.");
        return;
      }
      if (config == null) {
        problem(request, 400, "The request body has no config object.");
        return;
      }
      UUID id = IDS.generate();
      Tuple parameters = Tuple.tuple()
        .addValue(id)
        .addValue(TENANT)
        .addValue(body.getValue("name") instanceof String name ? name : null)
        .addValue(body.getValue("type") instanceof String type ? type : null)
        .addValue(text(config, "address"))
        .addValue(text(config, "namespace"))
        .addValue(text(config, "authMethod"))
        .addValue(text(config, "roleId"))
        .addValue(Buffer.buffer(BareSql.CIPHERTEXT))
        .addValue(config.getValue("authMount") instanceof String mount ? mount : "approle")
        .addValue(text(config, "caCertificate"))
        .addValue(text(config, "tlsServerName"))
        .addValue(null)
        .addValue(null)
        .addValue(null);
      pool.preparedQuery(BareSql.INSERT).execute(parameters).onComplete(inserted -> {
        if (inserted.failed()) {
          databaseFailure(request, inserted.cause());
          return;
        }
        Row row = inserted.result().iterator().next();
        request.response()
          .setStatusCode(201)
          .putHeader(HttpHeaders.LOCATION, COLLECTION + "/" + id)
          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .putHeader(HttpHeaders.ETAG, BareSql.etag(row))
          .end(BareSql.json(row).toBuffer());
      });
    });
  }

  private void get(HttpServerRequest request, String rawId) {
    UUID id;
    try {
      id = UUID.fromString(rawId);
    } catch (IllegalArgumentException notAnId) {
      problem(request, 400, "The id is not a UUID.");
      return;
    }
    pool.preparedQuery(BareSql.SELECT_ONE).execute(Tuple.of(id, TENANT)).onComplete(selected -> {
      if (selected.failed()) {
        databaseFailure(request, selected.cause());
        return;
      }
      RowSet<Row> rows = selected.result();
      if (rows.size() == 0) {
        problem(request, 404, "No Vault integration with this id.");
        return;
      }
      Row row = rows.iterator().next();
      request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.ETAG, BareSql.etag(row))
        .end(BareSql.json(row).toBuffer());
    });
  }

  /** The newest page; one row more than asked says whether there is a next page. */
  private void list(HttpServerRequest request) {
    int limit;
    String rawLimit = request.getParam("limit");
    try {
      limit = rawLimit == null ? DEFAULT_LIMIT : Integer.parseInt(rawLimit);
    } catch (NumberFormatException notANumber) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      problem(request, 400, "limit must be 1 to " + MAX_LIMIT + ".");
      return;
    }
    int pageSize = limit;
    pool.preparedQuery(BareSql.SELECT_FIRST_PAGE).execute(Tuple.of(TENANT, pageSize + 1)).onComplete(selected -> {
      if (selected.failed()) {
        databaseFailure(request, selected.cause());
        return;
      }
      JsonArray data = new JsonArray();
      String nextCursor = null;
      for (Row row : selected.result()) {
        if (data.size() == pageSize) {
          // The gateway seals its cursor with Tink; here a plain token stands in (the bench reads one page).
          JsonObject last = data.getJsonObject(pageSize - 1);
          nextCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
            (last.getString("createdAt") + "|" + last.getString("id")).getBytes(StandardCharsets.UTF_8));
          break;
        }
        data.add(BareSql.json(row));
      }
      request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(new JsonObject().put("data", data).put("nextCursor", nextCursor).toBuffer());
    });
  }

  private static String text(JsonObject config, String field) {
    return config.getValue(field) instanceof String value ? value : null;
  }

  private static void databaseFailure(HttpServerRequest request, Throwable failure) {
    if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      problem(request, 409, "A Vault integration with this name already exists.");
    } else if (failure instanceof PgException pg) {
      // The bench sends well-formed bodies; a constraint or type error means a bad request, anything else 500.
      problem(request, pg.getSqlState() != null && pg.getSqlState().startsWith("2") ? 400 : 500,
        "The database refused the statement (SQLSTATE " + pg.getSqlState() + ").");
    } else {
      problem(request, 503, "The database is not available: " + failure.getClass().getSimpleName() + ".");
    }
  }

  private static void problem(HttpServerRequest request, int status, String detail) {
    if (request.response().ended()) {
      return;
    }
    request.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
      .end(new JsonObject().put("status", status).put("detail", detail).toBuffer());
  }
}
