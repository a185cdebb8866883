package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.idempotency.IdempotencyKey;
import io.scrapengine.vaultgateway.integrations.CreateRequest;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.integrations.UpdateRequest;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDraft;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SettingsPatch;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.LogCapture;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secret_id never comes back: not in a response, a log line, an exception message or a toString. */
@ExtendWith(VertxExtension.class)
class SecretLeakTest {

  private static final String PATH = "/api/v1/vault-integrations";

  @Test
  void theSecretIdAppearsInNoResponseAndNoLogLine(Vertx vertx) {
    String secret = "s.leak-canary-" + UUID.randomUUID();
    List<HttpResponse<Buffer>> responses = new ArrayList<>();
    List<String> logLines;
    try (TestDatabase database = TestDatabase.create();
         LogCapture logs = LogCapture.start()) {
      try (TestGateway gateway = TestGateway.start(vertx, database)) {
        String token = gateway.token("tenant-leak", TestGateway.WRITE);
        responses.add(gateway.post(PATH, token, Integrations.withSecret("leak", secret)));
        responses.add(gateway.post(PATH, token, Integrations.withSecret("leak", secret)));
        responses.add(gateway.post(PATH, token, Integrations.withSecret("", secret)));
        responses.add(gateway.post(PATH, token, Integrations.withSecret("leak-2", secret).put("extra", secret)));
        JsonObject snakeCase = Integrations.withSecret("leak-3", secret);
        snakeCase.getJsonObject("config").put("secret_id", secret);
        responses.add(gateway.post(PATH, token, snakeCase));
        responses.add(gateway.post(PATH, token, Integrations.withSecret("leak-4", secret + "x".repeat(1100))));
        JsonObject badAddress = Integrations.withSecret("leak-5", secret);
        badAddress.getJsonObject("config").put("address", "https://user:" + secret + "@vault.example.com");
        responses.add(gateway.post(PATH, token, badAddress));
        responses.add(gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"config\":{\"secretId\":\"" + secret + "\"")).await());
        responses.add(gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(token)
          .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(secret)).await());
        responses.add(gateway.request(HttpMethod.POST, PATH).bearerTokenAuthentication(secret)
          .sendJsonObject(Integrations.withSecret("leak-6", secret)).await());
      }
      logLines = logs.lines();
    }

    assertEquals(List.of(201, 409, 400, 400, 400, 400, 400, 400, 415, 401),
      responses.stream().map(HttpResponse::statusCode).toList());
    for (HttpResponse<Buffer> response : responses) {
      assertFalse(response.bodyAsString().contains(secret), response.bodyAsString());
      for (Map.Entry<String, String> header : response.headers()) {
        assertFalse(header.getValue().contains(secret), header.getKey());
      }
    }
    assertFalse(logLines.isEmpty(), "the capture saw the gateway's own start-up lines");
    for (String line : logLines) {
      assertFalse(line.contains(secret), line);
      assertFalse(line.contains("has been blocked"), "an event loop was blocked: " + line);
    }
  }

  @Test
  void recordsCarryingSecretsDoNotPrintThem() {
    String secret = "s.to-string-canary";
    SecretValue value = SecretValue.of(secret);
    UUID id = UUID.randomUUID();
    VaultSettings settings = new VaultSettings("https://v.example.com", null, "approle", "r", null, null);
    IntegrationDraft draft = new IntegrationDraft("n", settings, value);
    List<Object> carriers = List.of(value, draft, new VaultTarget(settings, value),
      new CreateRequest("t", Actor.GATEWAY, draft, false, new IdempotencyKey(secret, secret.getBytes())),
      new UpdateRequest(new IntegrationRef("t", id), Actor.GATEWAY, VersionCondition.ANY, new SettingsPatch(null, null,
        SettingsPatch.Change.UNCHANGED, null, null, SettingsPatch.Change.UNCHANGED, SettingsPatch.Change.UNCHANGED),
        value),
      new NewIntegration(id, "t", "n", settings, secret.getBytes(), null),
      new IntegrationChanges(new IntegrationRef("t", id), VersionCondition.ANY, new SettingsPatch(null, null,
        SettingsPatch.Change.UNCHANGED, null, null, SettingsPatch.Change.UNCHANGED, SettingsPatch.Change.UNCHANGED),
        secret.getBytes()));
    for (Object carrier : carriers) {
      assertFalse(carrier.toString().contains(secret), carrier.toString());
    }
    assertTrue(value.reveal().equals(secret));
  }
}
