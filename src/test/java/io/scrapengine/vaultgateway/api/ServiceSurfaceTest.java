package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What answers without a token, and how unknown routes answer. */
@ExtendWith(VertxExtension.class)
class ServiceSurfaceTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();




  @Test
  void theContractIsServedWithoutAuthentication() throws Exception {
    HttpResponse<Buffer> response = ENV.gateway().get("/openapi.yaml");

    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("application/yaml"));
    assertEquals(Files.readString(Path.of("schemas/openapi.yaml")), response.bodyAsString());
  }

  @Test
  void livenessAndReadinessAnswerWithoutAuthentication() {
    assertTrue(ENV.gateway().get("/health/live").statusCode() < 300);
    HttpResponse<Buffer> ready = ENV.gateway().get("/health/ready");
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    JsonObject body = ready.bodyAsJsonObject();
    assertEquals("UP", body.getString("status"));
    assertEquals(3, body.getJsonArray("checks").size(), "serving (not draining), database and keyset");
  }

  @Test
  void anUnknownPathIsAProblem404() {
    HttpResponse<Buffer> response = ENV.gateway().get("/api/v1/nothing-here");
    assertEquals(404, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals("NOT_FOUND", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void anUnsupportedMethodIsAProblem405() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.PUT, "/api/v1/vault-integrations").send().await();
    assertEquals(405, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals("METHOD_NOT_ALLOWED", response.bodyAsJsonObject().getString("code"));
  }
}
