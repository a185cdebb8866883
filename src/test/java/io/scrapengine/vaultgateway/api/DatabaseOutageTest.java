package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TcpProxy;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A database outage is a retryable 503 without internals, and the gateway recovers by itself. */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

  private static final String PATH = "/api/v1/vault-integrations";

  @Test
  void anOutageIsA503AndTheGatewayRecoversWhenTheDatabaseReturns(Vertx vertx) throws InterruptedException {
    try (TestDatabase database = TestDatabase.create()) {
      TcpProxy proxy = TcpProxy.start(vertx, TestDatabase.host(), TestDatabase.port());
      JsonObject throughProxy = new JsonObject().put("database", database.configSection()
        .put("host", "127.0.0.1").put("port", proxy.port()).put("connectTimeoutSeconds", 2));
      try (TestGateway gateway = TestGateway.start(vertx, database, throughProxy)) {
        String token = gateway.token("tenant-outage", TestGateway.WRITE);
        assertEquals(201, gateway.post(PATH, token, Integrations.named("before")).statusCode());

        proxy.cut();

        HttpResponse<Buffer> during = gateway.post(PATH, token, Integrations.named("during"));
        assertEquals(503, during.statusCode(), during.bodyAsString());
        assertEquals("application/problem+json", during.getHeader("Content-Type"));
        assertEquals("1", during.getHeader("Retry-After"));
        JsonObject problem = during.bodyAsJsonObject();
        assertEquals("SERVICE_UNAVAILABLE", problem.getString("code"));
        assertFalse(during.bodyAsString().contains("Exception"), "no internals in " + during.bodyAsString());
        assertFalse(during.bodyAsString().contains(String.valueOf(proxy.port())), "no addresses");
        assertEquals(503, gateway.get("/health/ready").statusCode());

        proxy.resume();

        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 201; attempt++) {
          status = gateway.post(PATH, token, Integrations.named("after")).statusCode();
          if (status != 201) {
            Thread.sleep(250);
          }
        }
        assertEquals(201, status, "the gateway reconnects by itself");
        assertEquals(200, gateway.get("/health/ready").statusCode());
      } finally {
        proxy.close().await();
      }
    }
  }
}
