package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.RawHttp;
import io.scrapengine.vaultgateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP layer itself refuses (request line, headers, encodings, framing, versions, expectations) is a 4xx
 * problem document with its own code, like every other refusal, and never a 5xx or an empty answer.
 */
class HttpLayerProblemsTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private static RawHttp.Answer send(String request) throws IOException {
    return RawHttp.send(ENV.gateway().port(), request);
  }

  private static void assertProblem(RawHttp.Answer answer, int status, String code) {
    assertEquals(status, answer.status(), answer.toString());
    assertEquals("application/problem+json", answer.header("Content-Type"), answer.toString());
    assertEquals(code, answer.json().getString("code"), answer.toString());
    assertEquals(status, answer.json().getInteger("status"));
  }

  private String withToken(String request) {
    String token = ENV.gateway().token("tenant-http", TestGateway.WRITE);
    return request.replace("\r\n\r\n", "\r\nAuthorization: Bearer " + token + "\r\n\r\n");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
      Arguments.of("a request line that does not parse", "GARBAGE\r\n\r\n", 400, "MALFORMED_REQUEST"),
      Arguments.of("a header line without a colon",
        "GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400, "MALFORMED_REQUEST"),
      Arguments.of("a control byte in a header",
        "GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n", 400, "MALFORMED_REQUEST"),
      Arguments.of("HTTP/2.5", "GET /health/live HTTP/2.5\r\nHost: x\r\n\r\n", 400, "HTTP_VERSION_NOT_SUPPORTED"),
      Arguments.of("HTTP/7.0", "GET /health/live HTTP/7.0\r\nHost: x\r\n\r\n", 400, "HTTP_VERSION_NOT_SUPPORTED"),
      Arguments.of("the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, "HTTP_VERSION_NOT_SUPPORTED"),
      Arguments.of("no Host", "GET /api/v1/vault-integrations HTTP/1.1\r\n\r\n", 400, "MALFORMED_REQUEST"),
      Arguments.of("an invalid path escape", "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "MALFORMED_REQUEST"),
      Arguments.of("an invalid path escape on an operation",
        "GET /api/v1/vault-integrations/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "MALFORMED_REQUEST"),
      Arguments.of("an unknown method",
        "FOO /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\n\r\n", 405, "METHOD_NOT_ALLOWED"),
      Arguments.of("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 404, "NOT_FOUND"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void theHttpLayerAnswersWithAProblem(String what, String request, int status, String code) throws IOException {
    assertProblem(send(request), status, code);
  }

  @Test
  void aTooLongRequestLineIs414() throws IOException {
    assertProblem(send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, "URI_TOO_LONG");
  }

  @Test
  void tooLargeHeadersAre431() throws IOException {
    assertProblem(send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: " + "a".repeat(17_000) + "\r\n\r\n"), 431,
      "HEADERS_TOO_LARGE");
  }

  @Test
  void anUndecodableQueryIs400() throws IOException {
    assertProblem(send(withToken("GET /api/v1/vault-integrations?name=%zz HTTP/1.1\r\nHost: x\r\n\r\n")), 400,
      "MALFORMED_REQUEST");
  }

  @Test
  void anEmptyHostIsServedOrRefusedButNeverFails() throws IOException {
    RawHttp.Answer answer = send(withToken("GET /api/v1/vault-integrations HTTP/1.1\r\nHost:\r\n\r\n"));
    assertTrue(answer.status() == 200 || answer.status() == 400, answer.toString());
    RawHttp.Answer create = send(withToken("POST /api/v1/vault-integrations HTTP/1.1\r\nHost:\r\n"
      + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));
    assertProblem(create, 400, create.json().getString("code"));
  }

  @Test
  void anUnknownExpectationIs417() throws IOException {
    assertProblem(send(withToken("POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n"
      + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")), 417, "EXPECTATION_FAILED");
  }

  @Test
  void aFormBodyOfAnySizeIs415() throws IOException {
    String form = "a=" + "b".repeat(5000);
    assertProblem(send(withToken("POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form)),
      415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(send(withToken("POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\n"
      + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 4\r\n\r\n--x\n")),
      415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void aBrokenChunkIs400AndTheConnectionCloses() throws IOException {
    RawHttp.Answer answer = send(withToken("POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\n"
      + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
    assertProblem(answer, 400, "MALFORMED_REQUEST");
    assertEquals("close", answer.header("Connection"));
  }

  @Test
  void theServiceStillAnswersAfterwards() throws IOException {
    RawHttp.Answer live = send("GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(200, live.status(), live.toString());
    assertFalse(live.bodyText().isEmpty());
  }
}
