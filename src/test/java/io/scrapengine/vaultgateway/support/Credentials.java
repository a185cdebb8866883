package io.scrapengine.vaultgateway.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Credential requests for tests. */
public final class Credentials {

  public static final String PATH = "/api/v1/credentials";
  public static final String READ = "credentials:read";
  public static final String WRITE = "credentials:write";
  public static final String RESOLVE = "credentials:resolve";
  public static final String AUDIT = "audit:read";

  private Credentials() {
  }

  public static JsonObject body(String name, String integrationId, String path) {
    return new JsonObject().put("name", name).put("integrationId", integrationId).put("path", path);
  }

  /** Creates a credential and returns its JSON, failing the test unless the answer is 201. */
  public static JsonObject create(TestGateway gateway, String token, JsonObject body) {
    HttpResponse<Buffer> response = gateway.post(PATH, token, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  public static HttpResponse<Buffer> resolve(TestGateway gateway, String token, String credentialId) {
    return gateway.request(HttpMethod.POST, PATH + "/" + credentialId + "/resolve").bearerTokenAuthentication(token)
      .send().await();
  }
}
