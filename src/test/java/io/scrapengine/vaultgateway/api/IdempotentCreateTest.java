package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class IdempotentCreateTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();




  static Future<HttpResponse<Buffer>> send(String token, String key, JsonObject body) {
    return ENV.gateway().request(io.vertx.core.http.HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("Idempotency-Key", key).sendJsonObject(body);
  }

  static int rows(String tenant) {
    return ENV.database().queryInt("SELECT count(*) FROM vault_integrations WHERE tenant_id = ?", tenant);
  }

  @Test
  void theSameKeyAndBodyReplaysTheOriginalAnswerAndCreatesNothing() throws Exception {
    String token = ENV.gateway().token("tenant-replay", TestGateway.WRITE);
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = send(token, key, Integrations.named("replayed")).await();
    assertEquals(201, first.statusCode());
    assertNull(first.getHeader("Idempotent-Replayed"));

    HttpResponse<Buffer> again = send(token, key, Integrations.named("replayed")).await();

    assertEquals(201, again.statusCode());
    assertEquals("true", again.getHeader("Idempotent-Replayed"));
    assertEquals(first.bodyAsJsonObject(), again.bodyAsJsonObject());
    assertEquals(first.getHeader("Location"), again.getHeader("Location"));
    assertEquals(first.getHeader("ETag"), again.getHeader("ETag"));
    assertEquals(1, rows("tenant-replay"));
  }

  @Test
  void theReplayIsTheOriginalEvenAfterTheIntegrationChanged() {
    String token = ENV.gateway().token("tenant-replay-after-change", TestGateway.WRITE);
    HttpResponse<Buffer> first = send(token, "k-change", Integrations.named("original")).await();
    ENV.gateway().patch(first.getHeader("Location"), token, null, new JsonObject().put("name", "renamed"));

    HttpResponse<Buffer> again = send(token, "k-change", Integrations.named("original")).await();

    assertEquals("original", again.bodyAsJsonObject().getString("name"));
  }

  @Test
  void keyOrderDoesNotMakeADifferentBody() throws Exception {
    String token = ENV.gateway().token("tenant-order", TestGateway.WRITE);
    JsonObject body = Integrations.named("ordered");
    JsonObject reordered = new JsonObject().put("config", body.getJsonObject("config"))
      .put("type", body.getString("type")).put("name", body.getString("name"));

    assertEquals(201, send(token, "k-order", body).await().statusCode());
    HttpResponse<Buffer> again = send(token, "k-order", reordered).await();

    assertEquals("true", again.getHeader("Idempotent-Replayed"));
    assertEquals(1, rows("tenant-order"));
  }

  @Test
  void theSameKeyWithADifferentBodyIs422() throws Exception {
    String token = ENV.gateway().token("tenant-reuse", TestGateway.WRITE);
    assertEquals(201, send(token, "k-reuse", Integrations.named("first-body")).await().statusCode());

    HttpResponse<Buffer> otherName = send(token, "k-reuse", Integrations.named("second-body")).await();
    HttpResponse<Buffer> otherSecret = send(token, "k-reuse", Integrations.withSecret("first-body", "s.other"))
      .await();

    for (HttpResponse<Buffer> response : List.of(otherName, otherSecret)) {
      assertEquals(422, response.statusCode(), response.bodyAsString());
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      assertEquals("IDEMPOTENCY_KEY_REUSED", response.bodyAsJsonObject().getString("code"));
    }
    assertEquals(1, rows("tenant-reuse"));
  }

  @Test
  void keysBelongToOneTenant() throws Exception {
    assertEquals(201, send(ENV.gateway().token("tenant-key-1", TestGateway.WRITE), "shared-key",
      Integrations.named("mine")).await().statusCode());
    HttpResponse<Buffer> other = send(ENV.gateway().token("tenant-key-2", TestGateway.WRITE), "shared-key",
      Integrations.named("mine")).await();

    assertEquals(201, other.statusCode());
    assertNull(other.getHeader("Idempotent-Replayed"));
    assertEquals(1, rows("tenant-key-2"));
  }

  @Test
  void concurrentRequestsWithOneKeyCreateExactlyOneRecord() throws Exception {
    String token = ENV.gateway().token("tenant-key-race", TestGateway.WRITE);
    List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      racing.add(send(token, "raced-key", Integrations.named("raced")));
    }
    Future.all(racing).await();

    assertEquals(1, rows("tenant-key-race"));
    long created = racing.stream().filter(f -> f.result().statusCode() == 201
      && f.result().getHeader("Idempotent-Replayed") == null).count();
    assertEquals(1, created);
    for (Future<HttpResponse<Buffer>> response : racing) {
      int status = response.result().statusCode();
      assertTrue(status == 201 || status == 409, response.result().bodyAsString());
      if (status == 409) {
        assertEquals("IDEMPOTENCY_KEY_IN_USE", response.result().bodyAsJsonObject().getString("code"));
      }
    }
  }

  @Test
  void aFailedRequestDoesNotUseUpItsKey() throws Exception {
    String token = ENV.gateway().token("tenant-failed", TestGateway.WRITE);
    ENV.gateway().create(token, Integrations.named("taken"));

    HttpResponse<Buffer> conflict = send(token, "k-failed", Integrations.named("taken")).await();
    assertEquals(409, conflict.statusCode());

    HttpResponse<Buffer> retry = send(token, "k-failed", Integrations.named("free")).await();
    assertEquals(201, retry.statusCode(), retry.bodyAsString());
  }

  @Test
  void expiredKeysArePurgedAndCanBeUsedAgain() throws Exception {
    String token = ENV.gateway().token("tenant-expired", TestGateway.WRITE);
    assertEquals(201, send(token, "k-expired", Integrations.named("day-one")).await().statusCode());
    ENV.database().update("UPDATE idempotency_keys SET expires_at = now() - interval '1 second'"
      + " WHERE tenant_id = ?", "tenant-expired");

    HttpResponse<Buffer> later = send(token, "k-expired", Integrations.named("day-two")).await();

    assertEquals(201, later.statusCode(), later.bodyAsString());
    assertNull(later.getHeader("Idempotent-Replayed"));
    assertEquals(2, rows("tenant-expired"));
  }

  @Test
  void theStoredRecordHoldsNoPlaintextSecret() throws Exception {
    String token = ENV.gateway().token("tenant-idem-secret", TestGateway.WRITE);
    String secret = "s.idempotency-canary-" + UUID.randomUUID();
    assertEquals(201, send(token, "k-secret", Integrations.withSecret("canary", secret)).await().statusCode());

    String row = ENV.database().queryString("SELECT t::text FROM idempotency_keys t WHERE tenant_id = ?",
      "tenant-idem-secret");
    byte[] sealed = ENV.database().queryBytes(
      "SELECT secret_id_ciphertext FROM idempotency_keys WHERE tenant_id = ?", "tenant-idem-secret");
    assertFalse(row.contains(secret));
    assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret));
  }

  @Test
  void aKeyWithForbiddenCharactersIs400() {
    HttpResponse<Buffer> response = send(ENV.gateway().token("tenant-bad-key", TestGateway.WRITE), "has space",
      Integrations.named("x")).await();
    assertEquals(400, response.statusCode());
    assertEquals("Idempotency-Key",
      response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void theOutcomeIsCommittedWithTheRowBeforeTheAnswerLeaves() {
    String token = ENV.gateway().token("tenant-idem-atomic", TestGateway.WRITE);
    HttpResponse<Buffer> created = send(token, "k-atomic", Integrations.named("atomic")).await();
    assertEquals(201, created.statusCode(), created.bodyAsString());

    // no later write is left to lose: a crash right after the 201 finds the key done, naming the integration
    assertEquals("done", ENV.database().queryString(
      "SELECT state FROM idempotency_keys WHERE tenant_id = ?", "tenant-idem-atomic"));
    assertEquals(created.bodyAsJsonObject().getString("id"), ENV.database().queryString(
      "SELECT created_integration->>'id' FROM idempotency_keys WHERE tenant_id = ?", "tenant-idem-atomic"));
    HttpResponse<Buffer> replay = send(token, "k-atomic", Integrations.named("atomic")).await();
    assertEquals(created.bodyAsJsonObject(), replay.bodyAsJsonObject());
    assertEquals(created.getHeader("ETag"), replay.getHeader("ETag"));
    assertEquals(created.getHeader("Location"), replay.getHeader("Location"));
  }

  @Test
  void anOutcomeRecordedByTheEarlierVersionStillReplays() {
    String token = ENV.gateway().token("tenant-idem-legacy", TestGateway.WRITE);
    HttpResponse<Buffer> created = send(token, "k-legacy", Integrations.named("legacy")).await();
    assertEquals(201, created.statusCode(), created.bodyAsString());
    // the shape version 0.1 left behind: the rendered response, no created_integration
    ENV.database().update("UPDATE idempotency_keys SET created_integration = NULL, response_status = 201,"
      + " response_body = ?, response_location = ?, response_etag = ? WHERE tenant_id = ?",
      created.bodyAsString(), created.getHeader("Location"), created.getHeader("ETag"), "tenant-idem-legacy");

    HttpResponse<Buffer> replay = send(token, "k-legacy", Integrations.named("legacy")).await();

    assertEquals(201, replay.statusCode(), replay.bodyAsString());
    assertEquals("true", replay.getHeader("Idempotent-Replayed"));
    assertEquals(created.bodyAsJsonObject(), replay.bodyAsJsonObject());
    assertEquals(created.getHeader("ETag"), replay.getHeader("ETag"));
  }
}
