package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each tenant has its own buckets per class of operation: a burst of writes past the limit gets 429 problems with
 * Retry-After and RateLimit headers, while reads, the tenant's tests and other tenants go on unaffected.
 */
class RateLimitTest {

  private static final int WRITE_BURST = 5;

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject().put("http", new JsonObject()
    .put("rateLimits", new JsonObject().put("enabled", true)
      .put("writes", new JsonObject().put("perSecond", 1).put("burst", WRITE_BURST))
      .put("tests", new JsonObject().put("perSecond", 1).put("burst", 2)))));

  /** Creates until one is refused (at most 60: a bucket refilling at 1/s cannot keep up with that). */
  private static List<HttpResponse<Buffer>> createUntilRefused(String token, String prefix) {
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      HttpResponse<Buffer> answer = ENV.gateway().post(INTEGRATIONS, token, Integrations.named(prefix + i));
      answers.add(answer);
      if (answer.statusCode() != 201) {
        break;
      }
    }
    return answers;
  }

  @Test
  void writesPastTheBurstAre429WithRetryAfterAndRateLimitHeaders() {
    String token = ENV.gateway().token("tenant-limited", TestGateway.WRITE);
    List<HttpResponse<Buffer>> answers = createUntilRefused(token, "limited-");
    HttpResponse<Buffer> first = answers.get(0);
    assertEquals(201, first.statusCode());
    assertEquals(String.valueOf(WRITE_BURST), first.getHeader("RateLimit-Limit"));
    assertEquals(String.valueOf(WRITE_BURST - 1), first.getHeader("RateLimit-Remaining"));
    assertNotNull(first.getHeader("RateLimit-Reset"));

    assertTrue(answers.size() > WRITE_BURST, "the burst is served in full: " + answers.size());
    HttpResponse<Buffer> limited = answers.get(answers.size() - 1);
    assertEquals(429, limited.statusCode(), limited.bodyAsString());
    assertEquals("application/problem+json", limited.getHeader("Content-Type"));
    assertEquals("RATE_LIMITED", limited.bodyAsJsonObject().getString("code"));
    assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
    assertEquals("0", limited.getHeader("RateLimit-Remaining"));
    assertTrue(limited.bodyAsJsonObject().getString("detail").contains("writes"));

    // reads are not limited, another class has its own bucket, another tenant its own
    HttpResponse<Buffer> read = ENV.gateway().get(INTEGRATIONS, token);
    assertEquals(200, read.statusCode());
    assertNull(read.getHeader("RateLimit-Limit"));
    // an integration whose address the outbound guard refuses without connecting: the test stays on this machine
    String id = ENV.database().queryString("SELECT id::text FROM vault_integrations WHERE tenant_id = ? LIMIT 1",
      "tenant-limited");
    ENV.database().update("UPDATE vault_integrations SET address = 'http://127.0.0.1:9' WHERE id = ?::uuid", id);
    HttpResponse<Buffer> test = ENV.gateway().post(INTEGRATIONS + "/" + id + "/test", token, new JsonObject());
    assertEquals(200, test.statusCode(), test.bodyAsString());
    assertEquals("2", test.getHeader("RateLimit-Limit"));
    String other = ENV.gateway().token("tenant-unlimited", TestGateway.WRITE);
    assertEquals(201, ENV.gateway().post(INTEGRATIONS, other, Integrations.named("other-tenant")).statusCode());
  }

  @Test
  void theBucketRefillsOverTime() throws InterruptedException {
    String token = ENV.gateway().token("tenant-refill", TestGateway.WRITE);
    List<HttpResponse<Buffer>> answers = createUntilRefused(token, "refill-");
    assertEquals(429, answers.get(answers.size() - 1).statusCode());
    HttpResponse<Buffer> later = null;
    for (int attempt = 0; attempt < 30; attempt++) {
      Thread.sleep(200);
      later = ENV.gateway().post(INTEGRATIONS, token, Integrations.named("refill-later-" + attempt));
      if (later.statusCode() == 201) {
        break;
      }
    }
    assertEquals(201, later.statusCode(), "one token a second flows back in");
  }
}
