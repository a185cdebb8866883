package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Each header and query value reaches the service decoded exactly once: what the client meant, nothing else. */
class ParameterDecodingTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static HttpResponse<Buffer> createWithKey(String token, String key, String name) {
    return ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("Idempotency-Key", key).sendJsonObject(Integrations.named(name)).await();
  }

  private static JsonArray namesFound(String token, String rawQuery) {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.GET, INTEGRATIONS + "?" + rawQuery)
      .bearerTokenAuthentication(token).send().await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray names = new JsonArray();
    response.bodyAsJsonObject().getJsonArray("data").forEach(item -> names.add(((JsonObject) item).getString("name")));
    return names;
  }

  @Test
  void aPercentSignInAnIdempotencyKeyIsJustACharacter() {
    String token = ENV.gateway().token("tenant-pct", TestGateway.WRITE);
    HttpResponse<Buffer> first = createWithKey(token, "100%", "percent");
    assertEquals(201, first.statusCode(), first.bodyAsString());
    HttpResponse<Buffer> replay = createWithKey(token, "100%", "percent");
    assertEquals(201, replay.statusCode(), replay.bodyAsString());
    assertEquals("true", replay.getHeader("Idempotent-Replayed"));
  }

  @Test
  void keysThatLookAlikeOnlyAfterASecondDecodingStayApart() {
    String token = ENV.gateway().token("tenant-keys", TestGateway.WRITE);
    HttpResponse<Buffer> encoded = createWithKey(token, "a%41", "key-encoded");
    HttpResponse<Buffer> plain = createWithKey(token, "aA", "key-plain");
    assertEquals(201, encoded.statusCode(), encoded.bodyAsString());
    assertEquals(201, plain.statusCode(), plain.bodyAsString());
    assertEquals(null, plain.getHeader("Idempotent-Replayed"));
    assertNotEquals(encoded.bodyAsJsonObject().getString("id"), plain.bodyAsJsonObject().getString("id"));
  }

  @Test
  void anIfMatchWithAPercentSignIsATagWeNeverIssued() {
    String token = ENV.gateway().token("tenant-ifmatch", TestGateway.WRITE);
    String id = ENV.gateway().create(token, Integrations.named("tagged")).getString("id");
    HttpResponse<Buffer> response = ENV.gateway().delete(INTEGRATIONS + "/" + id, token, "\"50%\"");
    assertEquals(412, response.statusCode(), response.bodyAsString());
  }

  @Test
  void queryValuesAreDecodedOnce() {
    String token = ENV.gateway().token("tenant-query", TestGateway.WRITE);
    ENV.gateway().create(token, Integrations.named("50%-off"));
    ENV.gateway().create(token, Integrations.named("a+b"));
    ENV.gateway().create(token, Integrations.named("a b"));

    assertEquals(new JsonArray().add("50%-off"), namesFound(token, "name=50%25-off"));
    assertEquals(new JsonArray().add("a+b"), namesFound(token, "name=a%2Bb"));
    assertEquals(new JsonArray().add("a b"), namesFound(token, "name=a%20b"));
  }

  @Test
  void controlCharactersInAQueryValueAre400() {
    String token = ENV.gateway().token("tenant-query", TestGateway.READ);
    for (String value : new String[] {"a%00b", "ab%0A", "a%0D", "a%C2%85"}) {
      HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.GET, INTEGRATIONS + "?name=" + value)
        .bearerTokenAuthentication(token).send().await();
      assertEquals(400, response.statusCode(), value + ": " + response.bodyAsString());
      assertEquals("name", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  void aPathIdWithATrailingNewlineIs400() {
    String token = ENV.gateway().token("tenant-path", TestGateway.READ);
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.GET,
      INTEGRATIONS + "/5f8c6a74-5f2e-4f5a-9e58-5b9c3c7d2a11%0A").bearerTokenAuthentication(token).send().await();
    assertEquals(400, response.statusCode(), response.bodyAsString());
  }
}
