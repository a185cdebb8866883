package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class AuthenticationTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(
    new JsonObject().put("auth", new JsonObject().put("leewaySeconds", 0)));

  private static final String PATH = "/api/v1/vault-integrations";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static TestTokens trusted;
  private static TestTokens untrusted;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    trusted = TestTokens.trustedBy(vertx, ENV.gateway().dataDir());
    untrusted = TestTokens.untrusted(vertx);
  }


  private static HttpResponse<Buffer> createWithHeader(String authorization) {
    var request = ENV.gateway().request(HttpMethod.POST, PATH);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.sendJsonObject(Integrations.named("auth-" + NAMES.incrementAndGet())).await();
  }

  private static HttpResponse<Buffer> createWith(String token) {
    return createWithHeader("Bearer " + token);
  }

  private static void assertUnauthenticated(HttpResponse<Buffer> response) {
    assertEquals(401, response.statusCode(), response.bodyAsString());
    assertEquals("Bearer realm=\"vault-gateway\"", response.getHeader("WWW-Authenticate"));
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals("UNAUTHENTICATED", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void aValidTokenWithTheScopeIsAccepted() {
    assertEquals(201, createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE))).statusCode());
  }

  @Test
  void aMissingTokenIs401() {
    assertUnauthenticated(createWithHeader(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-jwt", "Bearer a.b",
    "Bearer a.b.c.d", "Bearer eyJhbGciOiJSUzI1NiJ9.%%%.abc", "Token abc.def.ghi"})
  void aMalformedTokenIs401(String header) {
    assertUnauthenticated(createWithHeader(header));
  }

  @Test
  void aTokenSignedByAnotherKeyIs401() {
    assertUnauthenticated(createWith(untrusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE))));
  }

  @Test
  void aTamperedTokenIs401() {
    String token = trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE));
    String[] parts = token.split("\\.");
    String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
      TestTokens.validClaims("victim-tenant", TestGateway.WRITE).encode().getBytes());
    assertUnauthenticated(createWith(parts[0] + "." + otherPayload + "." + parts[2]));
  }

  @Test
  void anExpiredTokenIs401() {
    long now = System.currentTimeMillis() / 1000;
    HttpResponse<Buffer> response = createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE)
      .put("iat", now - 7200).put("exp", now - 3600)));
    assertUnauthenticated(response);
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("expired"));
  }

  @Test
  void aTokenWithoutExpIs401() {
    JsonObject claims = TestTokens.validClaims("t1", TestGateway.WRITE);
    claims.remove("exp");
    HttpResponse<Buffer> response = createWith(trusted.sign(claims));
    assertUnauthenticated(response);
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("exp"));
  }

  @Test
  void aWrongIssuerIs401() {
    assertUnauthenticated(createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE)
      .put("iss", "someone-else"))));
  }

  @Test
  void aMissingIssuerIs401() {
    JsonObject claims = TestTokens.validClaims("t1", TestGateway.WRITE);
    claims.remove("iss");
    assertUnauthenticated(createWith(trusted.sign(claims)));
  }

  @Test
  void aWrongAudienceIs401() {
    assertUnauthenticated(createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE)
      .put("aud", "another-service"))));
  }

  @Test
  void anUnsignedAlgNoneTokenIs401() {
    assertUnauthenticated(createWith(TestTokens.unsigned(TestTokens.validClaims("t1", TestGateway.WRITE))));
  }

  @Test
  void aTokenWithoutTenantIs401() {
    JsonObject claims = TestTokens.validClaims("t1", TestGateway.WRITE);
    claims.remove("tid");
    HttpResponse<Buffer> response = createWith(trusted.sign(claims));
    assertUnauthenticated(response);
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("tid"));
  }

  @Test
  void aTokenNotYetValidIs401() {
    long now = System.currentTimeMillis() / 1000;
    assertUnauthenticated(createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE)
      .put("nbf", now + 3600))));
  }

  @Test
  void aValidTokenWithoutTheScopeIs403() {
    for (String scopes : new String[] {"", "vault-integrations:read", "credentials:write",
      "vault-integrations:writer", "VAULT-INTEGRATIONS:WRITE"}) {
      HttpResponse<Buffer> response = createWith(trusted.sign(TestTokens.validClaims("t1", scopes)));
      assertEquals(403, response.statusCode(), scopes);
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      JsonObject problem = response.bodyAsJsonObject();
      assertEquals("FORBIDDEN", problem.getString("code"));
      assertTrue(problem.getString("detail").contains(TestGateway.WRITE));
    }
  }

  @Test
  void theScopeMayBeOneOfSeveral() {
    assertEquals(201, createWith(trusted.sign(TestTokens.validClaims("t1",
      "credentials:read " + TestGateway.WRITE + " credentials:resolve"))).statusCode());
  }

  @Test
  void authenticationComesBeforeValidation() {
    HttpResponse<Buffer> response = ENV.gateway().request(HttpMethod.POST, PATH)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json")).await();
    assertUnauthenticated(response);
  }

  @Test
  void aCachedTokenIsNotAcceptedPastItsExpiry() throws InterruptedException {
    long now = System.currentTimeMillis() / 1000;
    String shortLived = trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE).put("exp", now + 2));
    assertEquals(201, createWith(shortLived).statusCode());

    Thread.sleep((now + 3) * 1000 - System.currentTimeMillis());

    assertUnauthenticated(createWith(shortLived));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exp", "nbf", "iat"})
  void aTimeClaimOfTheWrongTypeIs401(String claim) {
    for (Object value : new Object[] {"tomorrow", "1700000000", new JsonObject().put("at", 1), true}) {
      HttpResponse<Buffer> response = createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE)
        .put(claim, value)));
      assertUnauthenticated(response);
    }
  }

  @Test
  void aScopeClaimThatIsNotAStringIs401() {
    HttpResponse<Buffer> response = createWith(trusted.sign(TestTokens.validClaims("t1", TestGateway.WRITE)
      .put("scope", new io.vertx.core.json.JsonArray().add(TestGateway.WRITE))));
    assertUnauthenticated(response);
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("space-delimited string"));
  }
}
