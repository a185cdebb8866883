package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.impl.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract as YAML, JSON and a docs page that works offline; CORS only for the origins allowed. */
class DocsAndCorsTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject()
    .put("cors", new JsonObject().put("allowedOrigins", "https://app.example.com, http://localhost:3000")));

  @RegisterExtension
  static final GatewayExtension NO_CORS = GatewayExtension.create();

  private static HttpResponse<Buffer> call(TestGateway gateway, HttpMethod method, String path) {
    return gateway.request(method, path).send().await();
  }

  @Test
  void theContractIsServedAsYamlAndAsTheSameJsonForGetAndHead() {
    HttpResponse<Buffer> yaml = call(ENV.gateway(), HttpMethod.GET, "/openapi.yaml");
    HttpResponse<Buffer> json = call(ENV.gateway(), HttpMethod.GET, "/openapi.json");

    assertEquals("application/yaml", yaml.getHeader("Content-Type"));
    assertEquals("application/json", json.getHeader("Content-Type"));
    JsonObject parsedYaml = Utils.readYamlOrJson(ENV.vertx(), ApiRouter.CONTRACT_PATH).await();
    assertEquals(parsedYaml, json.bodyAsJsonObject());
    assertEquals("/api/v1", json.bodyAsJsonObject().getJsonArray("servers").getJsonObject(0).getString("url"));
    for (String path : new String[] {"/openapi.yaml", "/openapi.json", "/docs/"}) {
      HttpResponse<Buffer> head = call(ENV.gateway(), HttpMethod.HEAD, path);
      assertEquals(200, head.statusCode(), path);
      assertNull(head.body(), "HEAD has no body: " + path);
    }
  }

  @Test
  void theDocsPageLoadsSwaggerUiFromTheGatewayItselfAndRendersOurContract() {
    HttpResponse<Buffer> bare = ENV.gateway().request(HttpMethod.GET, "/docs").followRedirects(false).send().await();
    assertEquals(302, bare.statusCode());
    assertEquals("/docs/", bare.getHeader("Location"));
    HttpResponse<Buffer> page = call(ENV.gateway(), HttpMethod.GET, "/docs/");

    assertEquals(200, page.statusCode());
    String html = page.bodyAsString();
    assertTrue(html.contains("swagger-ui-bundle.js"), html);
    assertFalse(html.contains("http://") || html.contains("https://"), "nothing loaded from elsewhere: " + html);
    assertTrue(page.getHeader("Content-Security-Policy").contains("default-src 'none'"));
    assertTrue(call(ENV.gateway(), HttpMethod.GET, "/docs/docs.js").bodyAsString().contains("../openapi.json"));
    HttpResponse<Buffer> bundle = call(ENV.gateway(), HttpMethod.GET, "/docs/swagger-ui-bundle.js");
    assertEquals(200, bundle.statusCode());
    assertTrue(bundle.body().length() > 100_000, "the real Swagger UI bundle");
    assertEquals(200, call(ENV.gateway(), HttpMethod.GET, "/docs/swagger-ui.css").statusCode());
  }

  @Test
  void anAllowedOriginGetsCorsHeadersAndAPreflightAnswer() {
    HttpResponse<Buffer> preflight = ENV.gateway().request(HttpMethod.OPTIONS, TestGateway.INTEGRATIONS)
      .putHeader("Origin", "https://app.example.com")
      .putHeader("Access-Control-Request-Method", "PATCH")
      .putHeader("Access-Control-Request-Headers", "authorization, content-type, if-match")
      .send().await();

    assertEquals(204, preflight.statusCode());
    assertEquals("https://app.example.com", preflight.getHeader("Access-Control-Allow-Origin"));
    assertTrue(preflight.getHeader("Access-Control-Allow-Methods").contains("PATCH"));

    HttpResponse<Buffer> get = ENV.gateway().request(HttpMethod.GET, TestGateway.INTEGRATIONS)
      .putHeader("Origin", "http://localhost:3000").send().await();
    assertEquals(401, get.statusCode());
    assertEquals("http://localhost:3000", get.getHeader("Access-Control-Allow-Origin"));
    assertTrue(get.getHeader("Access-Control-Expose-Headers").contains("X-Request-Id"));
  }

  @Test
  void anotherOriginGetsNoCorsHeaders() {
    HttpResponse<Buffer> other = ENV.gateway().request(HttpMethod.GET, TestGateway.INTEGRATIONS)
      .putHeader("Origin", "https://evil.example.net").send().await();

    assertNull(other.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void corsIsOffByDefault() {
    HttpResponse<Buffer> preflight = NO_CORS.gateway().request(HttpMethod.OPTIONS, TestGateway.INTEGRATIONS)
      .putHeader("Origin", "https://app.example.com")
      .putHeader("Access-Control-Request-Method", "GET").send().await();
    HttpResponse<Buffer> get = NO_CORS.gateway().request(HttpMethod.GET, TestGateway.INTEGRATIONS)
      .putHeader("Origin", "https://app.example.com").send().await();

    assertNull(preflight.getHeader("Access-Control-Allow-Origin"));
    assertNull(get.getHeader("Access-Control-Allow-Origin"));
  }
}
