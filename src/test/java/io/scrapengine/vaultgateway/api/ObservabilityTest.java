package io.scrapengine.vaultgateway.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.scrapengine.vaultgateway.logging.RequestScope;
import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway as {@code serve} runs it (metrics and tracing built into its Vert.x): request ids, the access log and
 * its logging context, Prometheus meters by route template, Vault call meters, and W3C trace propagation.
 */
class ObservabilityTest {

  private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String ROLE_ID = "role-observed";

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static TestDatabase database;
  private static TestGateway gateway;
  private static VaultEmulator vault;
  private static String secretId;
  private static String token;
  private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    gateway = TestGateway.startObserved(database, new JsonObject()
      .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)),
      SimpleSpanProcessor.create(SPANS));
    secretId = "s.observed-" + UUID.randomUUID();
    vault = VaultEmulator.start(gateway.vertx());
    vault.approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("reader"))
      .policy("reader", "secret/data/app/*", "read")
      .kv2("secret").put("app/site", Map.of("password", "site-password"));
    token = gateway.token("tenant-observed", TestGateway.WRITE);
  }

  @AfterAll
  static void stop() {
    try {
      vault.close();
      gateway.close();
    } finally {
      database.close();
    }
  }

  @BeforeEach
  void captureAccessLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(RequestLogHandler.ACCESS_LOGGER);
    accessLog.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    accessLog.start();
    logger.addAppender(accessLog);
  }

  @AfterEach
  void stopCapturing() {
    ((Logger) LoggerFactory.getLogger(RequestLogHandler.ACCESS_LOGGER)).detachAppender(accessLog);
  }

  private HttpResponse<Buffer> get(String path, String requestId) {
    var request = gateway.request(HttpMethod.GET, path).bearerTokenAuthentication(token);
    if (requestId != null) {
      request.putHeader("X-Request-Id", requestId);
    }
    return request.send().await();
  }

  private List<ILoggingEvent> accessLinesOf(String requestId) {
    // the line is written when the response has ended, which the client may see first
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      List<ILoggingEvent> lines;
      synchronized (accessLog) {
        lines = accessLog.list.stream()
          .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestScope.REQUEST_ID))).toList();
      }
      if (!lines.isEmpty()) {
        return lines;
      }
      Thread.onSpinWait();
    }
    return List.of();
  }

  @Test
  void aWellFormedRequestIdIsEchoedAndAnyOtherIsReplaced() {
    assertEquals("caller-id_1.2:3", get(INTEGRATIONS, "caller-id_1.2:3").getHeader("X-Request-Id"));

    String generated = get(INTEGRATIONS, null).getHeader("X-Request-Id");
    assertTrue(UUID_FORM.matcher(generated).matches(), generated);

    String replaced = get(INTEGRATIONS, "has spaces and <markup>").getHeader("X-Request-Id");
    assertTrue(UUID_FORM.matcher(replaced).matches(), replaced);
    String tooLong = get(INTEGRATIONS, "a".repeat(129)).getHeader("X-Request-Id");
    assertTrue(UUID_FORM.matcher(tooLong).matches(), tooLong);
  }

  @Test
  void oneAccessLineNamesTheRouteTemplateTenantAndRequestIdButNoQueryValues() {
    JsonObject created = gateway.create(token, Integrations.named("logged-" + UUID.randomUUID()));
    String requestId = "access-" + UUID.randomUUID();

    assertEquals(200, get(INTEGRATIONS + "/" + created.getString("id"), requestId).statusCode());
    get(INTEGRATIONS + "?name=query-value-kept-private", requestId + "-q");

    List<ILoggingEvent> lines = accessLinesOf(requestId);
    assertEquals(1, lines.size(), "one line per request");
    ILoggingEvent line = lines.get(0);
    String message = line.getFormattedMessage();
    assertTrue(message.startsWith("GET /api/v1/vault-integrations/{id} 200 "), message);
    assertTrue(message.contains("tenant=tenant-observed"), message);
    assertTrue(message.contains("requestId=" + requestId), message);
    assertFalse(message.contains(created.getString("id")), "the template, not the raw path: " + message);
    assertEquals("tenant-observed", line.getMDCPropertyMap().get(RequestScope.TENANT));
    assertEquals("/api/v1/vault-integrations/{id}", line.getMDCPropertyMap().get(RequestScope.ROUTE));
    assertTrue(line.getKeyValuePairs().stream().anyMatch(pair -> pair.key.equals("status")
      && Integer.valueOf(200).equals(pair.value)));

    ILoggingEvent listed = accessLinesOf(requestId + "-q").get(0);
    assertTrue(listed.getFormattedMessage().startsWith("GET /api/v1/vault-integrations 200 "));
    assertFalse(listed.getFormattedMessage().contains("query-value-kept-private"));
    assertFalse(listed.getMDCPropertyMap().toString().contains("query-value-kept-private"));
  }

  @Test
  void failuresBeforeTheHandlerAreLoggedWithTheirRouteAndUnknownPathsAsUnmatched() {
    String requestId = "unauth-" + UUID.randomUUID();
    gateway.request(HttpMethod.GET, INTEGRATIONS + "/" + UUID.randomUUID()).putHeader("X-Request-Id", requestId)
      .send().await();
    gateway.request(HttpMethod.GET, "/api/v1/no-such-thing/" + UUID.randomUUID())
      .putHeader("X-Request-Id", requestId + "-404").send().await();

    String unauthenticated = accessLinesOf(requestId).get(0).getFormattedMessage();
    assertTrue(unauthenticated.startsWith("GET /api/v1/vault-integrations/{id} 401 "), unauthenticated);
    assertTrue(unauthenticated.contains("tenant=-"), unauthenticated);
    String unmatched = accessLinesOf(requestId + "-404").get(0).getFormattedMessage();
    assertTrue(unmatched.startsWith("GET unmatched 404 "), unmatched);
  }

  @Test
  void aCallerThatHangsUpBeforeTheAnswerIsLoggedAs499NotAs200() throws Exception {
    String requestId = "gone-" + UUID.randomUUID();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // the body announced never comes; "100 Continue" says the gateway is serving the request when the caller leaves
      out.write(("POST " + INTEGRATIONS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\nX-Request-Id: "
        + requestId + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] interim = new byte[64];
      int read = socket.getInputStream().read(interim);
      assertTrue(new String(interim, 0, Math.max(read, 0), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 100 "));
    }
    // found by its text: the connection's close reports outside the request's context, and the line must still
    // carry that context
    ILoggingEvent line = null;
    for (long deadline = System.currentTimeMillis() + 5_000; line == null && System.currentTimeMillis() < deadline; ) {
      synchronized (accessLog) {
        line = accessLog.list.stream().filter(event -> event.getFormattedMessage().endsWith("requestId=" + requestId))
          .findFirst().orElse(null);
      }
      Thread.onSpinWait();
    }
    assertTrue(line != null, "a line for the abandoned request");
    // the operation is not known yet either (its body never came): the route is the API prefix's
    assertTrue(line.getFormattedMessage().matches("POST /api/v1/\\S* 499 .*"), line.getFormattedMessage());
    assertEquals(requestId, line.getMDCPropertyMap().get(RequestScope.REQUEST_ID));
  }

  @Test
  void prometheusServesRequestsByRouteTemplateJvmPoolAndEventBusMeters() {
    JsonObject created = gateway.create(token, Integrations.named("metered-" + UUID.randomUUID()));
    get(INTEGRATIONS + "/" + created.getString("id"), null);

    HttpResponse<Buffer> scrape = gateway.request(HttpMethod.GET, "/metrics").send().await();

    assertEquals(200, scrape.statusCode());
    String text = scrape.bodyAsString();
    assertTrue(text.contains("http_server_requests_seconds_count{application=\"vault-gateway\",method=\"GET\","
      + "route=\"/api/v1/vault-integrations/{id}\",status=\"200\"}"), "requests by route template");
    assertTrue(text.contains("http_server_requests_seconds_bucket{application=\"vault-gateway\",method=\"POST\","
      + "route=\"/api/v1/vault-integrations\",status=\"201\",le=\"0.005\"}"), "with a latency histogram");
    assertFalse(text.contains(created.getString("id")), "no ids in labels");
    assertFalse(text.contains("tenant-observed"), "no tenants in labels");
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM");
    assertTrue(text.contains("vertx_pool_") || text.contains("vertx_sql_"), "pools");
    assertTrue(text.contains("vertx_eventbus_"), "event bus");
    assertTrue(text.contains("vertx_http_server_active_connections"), "Vert.x HTTP server");
    assertEquals(200, gateway.request(HttpMethod.HEAD, "/metrics").send().await().statusCode());
  }

  @Test
  void vaultCallsAreMeteredByOperationAndOutcome() {
    JsonObject body = Integrations.withSecret("vault-metered-" + UUID.randomUUID(), secretId);
    body.getJsonObject("config").put("address", vault.url()).put("namespace", null).put("roleId", ROLE_ID);
    JsonObject created = gateway.create(token, body);

    HttpResponse<Buffer> tested = gateway.request(HttpMethod.POST, INTEGRATIONS + "/" + created.getString("id")
      + "/test").bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("path", "secret/data/app/site"))
      .await();
    assertEquals(true, tested.bodyAsJsonObject().getBoolean("ok"), tested.bodyAsString());

    String text = gateway.request(HttpMethod.GET, "/metrics").send().await().bodyAsString();
    for (String operation : List.of("health", "login", "read", "revoke-self")) {
      assertTrue(Pattern.compile("vault_client_requests_seconds_count\\{application=\"vault-gateway\","
          + "operation=\"" + operation + "\",outcome=\"2\\d\\d\"}").matcher(text).find(), operation + " metered");
    }
    assertFalse(text.contains(secretId), "no secret anywhere in the metrics");

    // one trace: the request served, the PostgreSQL queries it made, and its calls to the Vault
    List<SpanData> spans = waitForSpans(SpanKind.CLIENT, 5);
    String testPath = INTEGRATIONS + "/" + created.getString("id") + "/test";
    String testTrace = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER
        && testPath.equals(span.getAttributes().get(AttributeKey.stringKey("url.path"))))
      .map(SpanData::getTraceId).findFirst().orElse(null);
    assertTrue(testTrace != null, "a server span for the test request: " + spans);
    List<SpanData> inTrace = spans.stream().filter(span -> span.getTraceId().equals(testTrace)).toList();
    assertTrue(inTrace.stream().anyMatch(span -> span.getKind() == SpanKind.CLIENT
      && span.getAttributes().asMap().keySet().stream().anyMatch(key -> key.getKey().startsWith("db."))),
      "a PostgreSQL span: " + inTrace);
    assertTrue(inTrace.stream().filter(span -> span.getKind() == SpanKind.CLIENT && String.valueOf(
        span.getAttributes().get(AttributeKey.stringKey("url.full"))).startsWith(vault.url())).count() >= 4,
      "Vault calls (health, login, read, revoke): " + inTrace);
    assertFalse(inTrace.toString().contains(secretId), "no secret in any span");
  }

  @Test
  void vaultSessionsCountTheirLoginsAndTheTokensTheyReuse() {
    String operator = gateway.token("tenant-observed", TestGateway.WRITE + " " + Credentials.WRITE + " "
      + Credentials.RESOLVE);
    JsonObject body = Integrations.withSecret("vault-sessions-" + UUID.randomUUID(), secretId);
    body.getJsonObject("config").put("address", vault.url()).put("namespace", null).put("roleId", ROLE_ID);
    JsonObject integration = gateway.create(operator, body);
    JsonObject credential = Credentials.create(gateway, operator, Credentials.body("site-" + UUID.randomUUID(),
      integration.getString("id"), "secret/app/site").put("fields", new JsonObject().put("password", "password")));

    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> resolved = Credentials.resolve(gateway, operator, credential.getString("id"));
      assertEquals(200, resolved.statusCode(), resolved.bodyAsString());
    }

    String text = gateway.request(HttpMethod.GET, "/metrics").send().await().bodyAsString();
    assertTrue(counter(text, "vault_sessions_logins_total{application=\"vault-gateway\",outcome=\"OK\"}") >= 1,
      "a login: " + text.lines().filter(line -> line.startsWith("vault_sessions")).toList());
    assertTrue(counter(text, "vault_sessions_tokens_total{application=\"vault-gateway\",source=\"reused\"}") >= 2,
      "the later resolves reuse the session's token");
    assertFalse(text.contains("site-password"), "no secret value in the metrics");
  }

  private static double counter(String text, String series) {
    return text.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line ->
      Double.parseDouble(line.substring(series.length() + 1).trim())).sum();
  }

  private static List<SpanData> waitForSpans(SpanKind kind, int atLeast) {
    long deadline = System.currentTimeMillis() + 5_000;
    List<SpanData> spans = SPANS.getFinishedSpanItems();
    while (spans.stream().filter(span -> span.getKind() == kind).count() < atLeast
      && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
      spans = SPANS.getFinishedSpanItems();
    }
    return spans;
  }

  @Test
  void aCallersTraceparentIsContinuedAndItsTraceIdIsInTheLogContext() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String requestId = "traced-" + UUID.randomUUID();

    gateway.request(HttpMethod.GET, INTEGRATIONS).bearerTokenAuthentication(token)
      .putHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
      .putHeader("X-Request-Id", requestId).send().await();
    get(INTEGRATIONS, requestId + "-new");

    assertEquals(traceId, accessLinesOf(requestId).get(0).getMDCPropertyMap().get(RequestScope.TRACE_ID));
    String fresh = accessLinesOf(requestId + "-new").get(0).getMDCPropertyMap().get(RequestScope.TRACE_ID);
    assertTrue(fresh != null && fresh.matches("[0-9a-f]{32}"), "a new trace without a traceparent: " + fresh);
    assertNotEquals(traceId, fresh);
  }
}
