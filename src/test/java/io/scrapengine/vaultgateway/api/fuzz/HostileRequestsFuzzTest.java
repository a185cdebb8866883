package io.scrapengine.vaultgateway.api.fuzz;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.RawHttp;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TestTokens;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.impl.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends at least 10,000 hostile requests, generated from the contract ({@link HostileRequests}), to a live gateway
 * on loopback and holds it to the promise: no answer of 500 or more, every 4xx a problem document with a stable
 * code, every request answered, and the gateway still serving afterwards.
 *
 * <p>The run prints its seed; {@code mvn verify -Dtest=HostileRequestsFuzzTest -Dfuzz.seed=<seed>} replays it, and
 * {@code -Dfuzz.only=<index>} replays just the request a failure names. {@code -Dfuzz.requests=<n>} changes the
 * count.
 *
 * <p>Runs alone ({@link Isolated}): it keeps both cores busy, which would slow other classes' timed steps.
 */
@Isolated
class HostileRequestsFuzzTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject()
    .put("http", new JsonObject().put("rateLimits", new JsonObject().put("enabled", true))));

  private static final int WORKERS = 4;
  private static final int MAX_REPORTED = 15;

  @Test
  void noHostileRequestGetsA5xxOrAnAnswerThatIsNotAProblem() throws Exception {
    long seed = Long.getLong("fuzz.seed", new Random().nextLong());
    int count = Integer.getInteger("fuzz.requests", 10_000);
    int only = Integer.getInteger("fuzz.only", -1);
    System.out.println("HostileRequestsFuzzTest seed=" + seed + " requests=" + count
      + " (replay: -Dtest=HostileRequestsFuzzTest -Dfuzz.seed=" + seed + ")");

    TestGateway gateway = ENV.gateway();
    HostileRequests generator = new HostileRequests(contract(), tokens(gateway), ids(gateway));
    int port = gateway.port();

    Map<Integer, AtomicInteger> byStatus = Collections.synchronizedMap(new TreeMap<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger(only >= 0 ? only : 0);
    int end = only >= 0 ? only + 1 : count;
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    for (int w = 0; w < WORKERS; w++) {
      workers.submit(() -> {
        for (int index = next.getAndIncrement(); index < end; index = next.getAndIncrement()) {
          byte[] request = generator.next(new Random(seed ^ (index * 0x9E3779B97F4A7C15L)));
          String problem = check(port, request);
          byStatus.computeIfAbsent(lastStatus.get(), status -> new AtomicInteger()).incrementAndGet();
          if (problem != null) {
            failures.add("#" + index + " " + problem + " for " + describe(request));
          }
        }
      });
    }
    workers.shutdown();
    assertTrue(workers.awaitTermination(5, TimeUnit.MINUTES), "the fuzz run did not finish in 5 minutes");
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("HostileRequestsFuzzTest seed=%d: %d requests over %d operations in %.1f s, by status %s,"
      + " %d failures%n", seed, end - (only >= 0 ? only : 0), generator.operationCount(), seconds, byStatus,
      failures.size());

    assertTrue(failures.isEmpty(), failures.size() + " bad answers (seed " + seed + "), first ones:\n"
      + String.join("\n", failures.subList(0, Math.min(MAX_REPORTED, failures.size()))));
    RawHttp.Answer ready = RawHttp.send(port, "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(200, ready.status(), "the gateway is still ready: " + ready);
    gateway.create(gateway.token("fuzz-after", TestGateway.WRITE), Integrations.named("still-serving"));
  }

  private static final ThreadLocal<Integer> lastStatus = ThreadLocal.withInitial(() -> 0);

  /** Why the answer to {@code request} breaks the promise, or null when it keeps it. */
  private static String check(int port, byte[] request) {
    RawHttp.Answer answer;
    boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
    try {
      answer = head ? RawHttp.sendHead(port, request) : RawHttp.send(port, request);
    } catch (IOException e) {
      lastStatus.set(-1);
      return "no answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
    lastStatus.set(answer.status());
    if (answer.status() == 0) {
      return "connection closed without an answer";
    }
    if (answer.status() >= 500 && !upstreamVaultProblem(answer)) {
      return "answered " + answer;
    }
    if (answer.status() >= 400 && !head) {
      if (!"application/problem+json".equals(answer.header("Content-Type"))) {
        return "a " + answer.status() + " that is not problem+json: " + answer;
      }
      try {
        JsonObject problem = answer.json();
        if (problem.getString("code") == null || problem.getInteger("status") != answer.status()) {
          return "a problem without a code or with another status: " + answer;
        }
      } catch (RuntimeException e) {
        return "a problem body that is not JSON: " + answer;
      }
    }
    return null;
  }

  /**
   * A resolve whose customer's Vault failed or refused (its address not allowed included) answers 502 or 504 with
   * the Vault's problem in {@code error}: the upstream's answer relayed, not a fault of the gateway's own.
   */
  private static boolean upstreamVaultProblem(RawHttp.Answer answer) {
    if (answer.status() != 502 && answer.status() != 504
      || !"application/problem+json".equals(answer.header("Content-Type"))) {
      return false;
    }
    try {
      JsonObject error = answer.json().getJsonObject("error");
      return error != null && error.getString("code") != null;
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  private static String describe(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    text = text.length() > 400 ? text.substring(0, 400) + "...(" + request.length + " bytes)" : text;
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }

  private static JsonObject contract() {
    return Utils.readYamlOrJson(ENV.vertx(), "schemas/openapi.yaml").await();
  }

  /** Good tokens, tokens without the scope or for another tenant, and validly signed tokens with odd claims. */
  private static List<String> tokens(TestGateway gateway) throws Exception {
    TestTokens signer = TestTokens.trustedBy(ENV.vertx(), gateway.dataDir());
    long now = System.currentTimeMillis() / 1000;
    return List.of(
      gateway.token("fuzz", TestGateway.WRITE),
      gateway.token("fuzz", TestGateway.WRITE),
      gateway.token("fuzz", TestGateway.WRITE),
      gateway.token("fuzz", TestGateway.READ),
      gateway.token("fuzz-other", TestGateway.WRITE),
      gateway.token("fuzz", "credentials:resolve"),
      signer.sign(TestTokens.validClaims("fuzz", TestGateway.WRITE).put("exp", "tomorrow")),
      signer.sign(TestTokens.validClaims("fuzz", TestGateway.WRITE).put("nbf", "now")),
      signer.sign(TestTokens.validClaims("fuzz", TestGateway.WRITE).put("iat", new JsonObject())),
      signer.sign(TestTokens.validClaims("fuzz", TestGateway.WRITE)
        .put("scope", new io.vertx.core.json.JsonArray().add(TestGateway.WRITE))),
      signer.sign(TestTokens.validClaims("fuzz\u0000tenant", TestGateway.WRITE)),
      signer.sign(TestTokens.validClaims("fuzz", TestGateway.WRITE).put("tid", 42)),
      signer.sign(TestTokens.validClaims("fuzz", TestGateway.WRITE).put("exp", now - 10)),
      signer.sign(TestTokens.validClaims("x".repeat(255), TestGateway.WRITE)),
      signer.sign(TestTokens.validClaims("fuzz", "credentials:write credentials:resolve audit:read")
        .put("sub", "who\u0000am\ni")),
      gateway.token("fuzz", "credentials:write credentials:resolve audit:read " + TestGateway.WRITE),
      gateway.token("fuzz", "credentials:write credentials:resolve audit:read " + TestGateway.WRITE),
      "not.a.token",
      "eyJhbGciOiJub25lIn0.eyJ0aWQiOiJmdXp6In0.");
  }

  /** A few integrations of the fuzz tenant, all pointing at loopback, so that ids hit real rows too. */
  private static List<String> ids(TestGateway gateway) {
    String token = gateway.token("fuzz", TestGateway.WRITE);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonObject body = Integrations.named("fuzz-seeded-" + i);
      body.getJsonObject("config").put("address", "http://127.0.0.1:" + (9 + i));
      ids.add(gateway.create(token, body).getString("id"));
    }
    // credentials of those integrations, so that credential ids and resolves hit real rows too (a resolve reaches
    // no Vault: the outbound guard refuses the loopback address first)
    String writer = gateway.token("fuzz", "credentials:write");
    for (int i = 0; i < 2; i++) {
      JsonObject credential = new JsonObject().put("name", "fuzz-credential-" + i).put("integrationId", ids.get(i))
        .put("path", "secret/sites/fuzz-" + i);
      io.vertx.core.buffer.Buffer created = gateway.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/credentials")
        .bearerTokenAuthentication(writer).sendJsonObject(credential).await().body();
      String id = new JsonObject(created).getString("id");
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
