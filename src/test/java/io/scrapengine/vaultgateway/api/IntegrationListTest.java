package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class IntegrationListTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();




  private static JsonObject page(String token, String query) {
    HttpResponse<Buffer> response = ENV.gateway().get(INTEGRATIONS + query, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    return response.bodyAsJsonObject();
  }

  private static String cursorQuery(String cursor) {
    return "cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  private static void createMany(String token, String prefix, int count) {
    List<Future<HttpResponse<Buffer>>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      creates.add(ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(token)
        .sendJsonObject(Integrations.named(prefix + i)));
      if (creates.size() == 25) {
        Future.all(creates).await();
        creates.clear();
      }
    }
    Future.all(creates).await();
  }

  @Test
  void anEmptyTenantHasAnEmptyLastPage() {
    JsonObject body = page(ENV.gateway().token("tenant-empty", TestGateway.READ), "");
    assertEquals(new JsonArray(), body.getJsonArray("data"));
    assertTrue(body.containsKey("nextCursor"));
    assertNull(body.getValue("nextCursor"));
  }

  @Test
  void pagesAreNewestFirstAndOnlyTheCallersTenant() {
    String tenant = ENV.gateway().token("tenant-pages", TestGateway.WRITE);
    createMany(tenant, "page-", 45);
    createMany(ENV.gateway().token("tenant-noise", TestGateway.WRITE), "noise-", 10);

    List<JsonObject> seen = new ArrayList<>();
    JsonObject first = page(tenant, "");
    assertEquals(20, first.getJsonArray("data").size(), "default limit");
    String cursor = first.getString("nextCursor");
    first.getJsonArray("data").forEach(item -> seen.add((JsonObject) item));
    while (cursor != null) {
      JsonObject next = page(tenant, "?limit=20&" + cursorQuery(cursor));
      next.getJsonArray("data").forEach(item -> seen.add((JsonObject) item));
      cursor = next.getString("nextCursor");
    }

    assertEquals(45, seen.size());
    assertTrue(seen.stream().allMatch(item -> item.getString("name").startsWith("page-")));
    for (int i = 1; i < seen.size(); i++) {
      Instant newer = Instant.parse(seen.get(i - 1).getString("createdAt"));
      Instant older = Instant.parse(seen.get(i).getString("createdAt"));
      assertFalse(older.isAfter(newer), "newest first");
    }
    assertFalse(seen.get(0).containsKey("secretId"));
  }

  @Test
  void noItemIsSkippedOrRepeatedWhileOthersInsert() {
    String tenant = ENV.gateway().token("tenant-concurrent", TestGateway.WRITE);
    createMany(tenant, "before-", 300);
    Set<String> existing = new HashSet<>();
    JsonObject all = page(tenant, "?limit=100");
    String allCursor = all.getString("nextCursor");
    all.getJsonArray("data").forEach(item -> existing.add(((JsonObject) item).getString("id")));
    while (allCursor != null) {
      JsonObject next = page(tenant, "?limit=100&" + cursorQuery(allCursor));
      next.getJsonArray("data").forEach(item -> existing.add(((JsonObject) item).getString("id")));
      allCursor = next.getString("nextCursor");
    }
    assertEquals(300, existing.size());

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int inserted = 0;
    do {
      // another client inserts while this one pages
      List<Future<HttpResponse<Buffer>>> inserts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inserts.add(ENV.gateway().request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(tenant)
          .sendJsonObject(Integrations.named("during-" + inserted++)));
      }
      JsonObject next = page(tenant, "?limit=37" + (cursor == null ? "" : "&" + cursorQuery(cursor)));
      next.getJsonArray("data").forEach(item -> paged.add(((JsonObject) item).getString("id")));
      cursor = next.getString("nextCursor");
      Future.all(inserts).await();
    } while (cursor != null);

    assertEquals(paged.size(), new HashSet<>(paged).size(), "no item repeated");
    assertTrue(paged.containsAll(existing), "no item that existed was skipped");
  }

  @Test
  void limitMustBeBetween1And100() {
    String token = ENV.gateway().token("tenant-limits", TestGateway.READ);
    for (String limit : new String[] {"0", "101", "-1", "abc", "1.5"}) {
      HttpResponse<Buffer> response = ENV.gateway().get(INTEGRATIONS + "?limit=" + limit, token);
      assertEquals(400, response.statusCode(), limit);
      assertEquals("limit", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    assertEquals(200, ENV.gateway().get(INTEGRATIONS + "?limit=1", token).statusCode());
    assertEquals(200, ENV.gateway().get(INTEGRATIONS + "?limit=100", token).statusCode());
  }

  @Test
  void aTamperedOrForgedCursorIsA400() {
    String token = ENV.gateway().token("tenant-tamper", TestGateway.WRITE);
    createMany(token, "tamper-", 3);
    String cursor = page(token, "?limit=1").getString("nextCursor");
    assertNotNull(cursor);
    byte[] bytes = Base64.getUrlDecoder().decode(cursor);
    bytes[bytes.length / 2] ^= 1;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
      new JsonObject().put("t", 0).put("i", "00000000-0000-0000-0000-000000000000").encode().getBytes());

    for (String bad : new String[] {tampered, forged, "not base64!", cursor.substring(0, cursor.length() - 4)}) {
      HttpResponse<Buffer> response = ENV.gateway().get(INTEGRATIONS + "?" + cursorQuery(bad), token);
      assertEquals(400, response.statusCode(), bad);
      assertEquals("cursor", response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  void anotherTenantsCursorIsA400() {
    String owner = ENV.gateway().token("tenant-cursor-owner", TestGateway.WRITE);
    createMany(owner, "owned-", 3);
    String cursor = page(owner, "?limit=1").getString("nextCursor");

    HttpResponse<Buffer> response = ENV.gateway().get(INTEGRATIONS + "?" + cursorQuery(cursor),
      ENV.gateway().token("tenant-cursor-thief", TestGateway.READ));

    assertEquals(400, response.statusCode());
    assertEquals("VALIDATION_FAILED", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void theNameFilterIsExactAndBindsTheCursor() {
    String token = ENV.gateway().token("tenant-filter", TestGateway.WRITE);
    ENV.gateway().create(token, Integrations.named("Prod"));
    ENV.gateway().create(token, Integrations.named("prod"));
    ENV.gateway().create(token, Integrations.named("prod-eu"));
    ENV.gateway().create(token, Integrations.named("1.5"));

    JsonArray exact = page(token, "?name=prod").getJsonArray("data");
    assertEquals(1, exact.size());
    assertEquals("prod", exact.getJsonObject(0).getString("name"));
    assertEquals(1, page(token, "?name=1.5").getJsonArray("data").size(), "names that look like numbers");
    assertEquals(0, page(token, "?name=pro").getJsonArray("data").size());

    createMany(token, "more-", 3);
    String unfiltered = page(token, "?limit=1").getString("nextCursor");
    HttpResponse<Buffer> mixed = ENV.gateway().get(INTEGRATIONS + "?name=prod&" + cursorQuery(unfiltered), token);
    assertEquals(400, mixed.statusCode());
  }
}
