package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TwoGateways;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import java.util.List;
import java.util.UUID;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Two gateway instances, each with its own Vert.x, port and data directory, against one database: what one
 * instance does, the other sees, and races between them resolve in PostgreSQL.
 */
class MultiInstanceTest {

  private static TwoGateways pair;
  private static TestDatabase database;
  private static TestGateway a;
  private static TestGateway b;

  @BeforeAll
  static void start() {
    pair = TwoGateways.start(new JsonObject());
    database = pair.database();
    a = pair.a();
    b = pair.b();
  }

  @AfterAll
  static void stop() {
    pair.close();
  }

  @RepeatedTest(5)
  void aRacingIdempotentPostOnBothInstancesCreatesOneRecord() throws Exception {
    String tenant = "tenant-" + UUID.randomUUID();
    String token = a.token(tenant, TestGateway.WRITE);
    assertNotEquals(a.port(), b.port());
    JsonObject body = Integrations.named("raced-across-instances");
    String key = UUID.randomUUID().toString();

    Future<HttpResponse<Buffer>> viaA = a.request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("Idempotency-Key", key).sendJsonObject(body);
    Future<HttpResponse<Buffer>> viaB = b.request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("Idempotency-Key", key).sendJsonObject(body);
    Future.all(viaA, viaB).await();

    assertEquals(1, rows(tenant));
    long fresh = List.of(viaA.result(), viaB.result()).stream()
      .filter(response -> response.statusCode() == 201 && response.getHeader("Idempotent-Replayed") == null)
      .count();
    assertEquals(1, fresh);
  }

  @RepeatedTest(5)
  void racingPatchesWithTheSameIfMatchGiveOne200AndOne412() {
    String token = a.token("tenant-patch-race", TestGateway.WRITE);
    JsonObject created = a.create(token, Integrations.named("patched-" + UUID.randomUUID()));
    String path = INTEGRATIONS + "/" + created.getString("id");
    String etag = b.get(path, token).getHeader("ETag");

    Future<HttpResponse<Buffer>> viaA = a.request(HttpMethod.PATCH, path).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/merge-patch+json").putHeader("If-Match", etag)
      .sendBuffer(new JsonObject().put("config", new JsonObject().put("roleId", "from-a")).toBuffer());
    Future<HttpResponse<Buffer>> viaB = b.request(HttpMethod.PATCH, path).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/merge-patch+json").putHeader("If-Match", etag)
      .sendBuffer(new JsonObject().put("config", new JsonObject().put("roleId", "from-b")).toBuffer());
    Future.all(viaA, viaB).await();

    List<Integer> statuses = List.of(viaA.result().statusCode(), viaB.result().statusCode());
    assertEquals(List.of(200, 412), statuses.stream().sorted().toList(), statuses.toString());
    HttpResponse<Buffer> winner = viaA.result().statusCode() == 200 ? viaA.result() : viaB.result();
    assertEquals(winner.bodyAsJsonObject(), a.get(path, token).bodyAsJsonObject());
  }

  private static int rows(String tenant) {
    return database.queryInt("SELECT count(*) FROM vault_integrations WHERE tenant_id = ?", tenant);
  }
}
