package io.scrapengine.bench.bare;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A wrk2-style fixed-rate load generator for the gateway's create/get/list requests (the shapes of
 * bench/gateway.lua). Request {@code i} is due at {@code start + i / rate}; its latency is measured from that
 * intended time, not from when it could actually be sent, so a server that stalls is charged for every request
 * that waited behind the stall (no coordinated omission). Latencies go into an HdrHistogram.
 *
 * <p>A pacing thread hands due requests to {@code threads} event loops, each with a client of up to
 * {@code connections / threads} keep-alive HTTP/1.1 connections (no pipelining); a request that finds every
 * connection busy queues in its client, and that wait counts in its latency. It sends exactly
 * {@code round(rate * duration)} requests, then waits for the answers (each bounded by {@code --timeout}), and
 * prints one line:
 *
 * <pre>RATE_RESULT mode=.. target_rps=.. achieved_rps=.. requests=.. responses=.. ok=.. failed=.. p50_ms=..
 * p90_ms=.. p99_ms=.. p999_ms=.. max_ms=.. statuses=201=..,500=.. errors=.. dispatch_p99_ms=..</pre>
 *
 * <p>{@code failed} counts every request that did not get the expected status (201 for create, 200 otherwise):
 * other statuses, socket errors, timeouts and requests never answered. {@code dispatch_*} is how late the
 * generator itself was in starting requests; when it is large, the generator, not the server, was short of CPU.
 * Only loopback targets are accepted. The bearer token comes from {@code BENCH_TOKEN} (none sent if unset).
 */
public final class FixedRateLoad {

  private static final String USAGE = """
    usage: java -cp bench-bare.jar io.scrapengine.bench.bare.FixedRateLoad --url http://127.0.0.1:PORT
             --mode create|get|list --rate REQUESTS_PER_SECOND --duration SECONDS
             [--connections 64] [--threads 2] [--ids FILE (get)] [--prefix NAME_PREFIX (create)]
             [--timeout 10] [--warmup 2]
      environment: BENCH_TOKEN, the bearer token (optional)
    """;
  static final String COLLECTION = "/api/v1/vault-integrations";
  static final long MAX_REQUESTS = 5_000_000;
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
  private static final String BODY_HEAD = "{\"name\":\"";
  private static final String BODY_TAIL = "\",\"type\":\"hashicorp\",\"config\":{"
    + "\"address\":\"https://vault.prod.example.com:8200\","
    + "\"namespace\":\"admin/scrapengine\","
    + "\"authMethod\":\"approle\","
    + "\"roleId\":\"8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11\","
    + "\"secretId\":\"s.xxxxxxxxxxxxxxxxxxxxxxxx\"}}";

  private FixedRateLoad() {
  }

  /** What to send, where, how fast and for how long. */
  record Plan(String host, int port, String mode, double rate, int durationSeconds, int connections, int threads,
              List<String> ids, String prefix, String token, int timeoutSeconds, int warmupSeconds) {

    long requests() {
      return Math.max(1, Math.round(rate * durationSeconds));
    }

    int expectedStatus() {
      return mode.equals("create") ? 201 : 200;
    }
  }

  public static void main(String[] args) {
    Plan plan;
    try {
      plan = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("FixedRateLoad: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(plan));
  }

  static int run(Plan plan) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(plan.threads()));
    try {
      List<Worker> workers = new ArrayList<>();
      for (int k = 0; k < plan.threads(); k++) {
        int connections = plan.connections() / plan.threads() + (k < plan.connections() % plan.threads() ? 1 : 0);
        Worker worker = new Worker(plan, k, connections);
        // one deployment each, so that each worker lands on its own event loop
        vertx.deployVerticle(worker).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        workers.add(worker);
      }
      if (plan.warmupSeconds() > 0) {
        // Same rate, same connections, answers discarded: JIT, class loading and connection set-up, in the
        // generator and in the server, stay out of the measured figures.
        Tally warmup = runPhase(plan, workers, "w", Math.max(1, Math.round(plan.rate() * plan.warmupSeconds())));
        System.err.printf(Locale.ROOT, "FixedRateLoad: warm-up %d s done (%d of %d answered as expected)%n",
          plan.warmupSeconds(), warmup.ok, warmup.requests);
      }
      Tally total = runPhase(plan, workers, "m", plan.requests());
      System.out.println(total.line(plan));
      if (total.firstError != null) {
        System.out.println("RATE_FIRST_ERROR " + total.firstError);
      }
      return 0;
    } catch (Exception e) {
      System.err.println("FixedRateLoad failed: " + e);
      return 1;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("FixedRateLoad: Vert.x did not close cleanly: " + e.getClass().getSimpleName());
      }
    }
  }

  /** Sends {@code requests} at the plan's rate, waits for their answers, and adds up what the workers saw. */
  private static Tally runPhase(Plan plan, List<Worker> workers, String label, long requests)
    throws Exception {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    List<Phase> phases = new ArrayList<>();
    for (Worker worker : workers) {
      int k = phases.size();
      long share = requests / workers.size() + (k < requests % workers.size() ? 1 : 0);
      Phase phase = new Phase(label, start, share);
      phases.add(phase); // reaches the worker's loop with the first dispatch (runOnContext publishes it)
    }
    pace(plan, workers, phases, start, requests);
    // Every request ends within about two timeouts of being handed over (waiting for a connection, then for the
    // answer); past that deadline whatever is still open counts as failed.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * plan.timeoutSeconds() + 10);
    try {
      CompletableFuture.allOf(phases.stream().map(phase -> phase.finished.future().toCompletionStage()
          .toCompletableFuture()).toArray(CompletableFuture[]::new))
        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException late) {
      System.err.println("FixedRateLoad: some requests were still open at the deadline; they count as failed");
    }
    Tally total = new Tally();
    total.start = start;
    for (int k = 0; k < workers.size(); k++) {
      total.add(workers.get(k).snapshot(phases.get(k)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS));
    }
    return total;
  }

  /**
   * Hands every request to its worker once it is due: request {@code i} is due at {@code start + i / rate} and
   * goes to worker {@code i % threads}. Sleeps between due times; after a late wake-up it hands over everything
   * that fell due meanwhile, each still with its original due time.
   */
  private static void pace(Plan plan, List<Worker> workers, List<Phase> phases, long start, long total) {
    double interval = 1e9 / plan.rate();
    long next = 0;
    while (next < total) {
      long now = System.nanoTime();
      long due = start + (long) (next * interval);
      if (due > now) {
        LockSupport.parkNanos(due - now);
        continue;
      }
      long end = next + 1;
      while (end < total && start + (long) (end * interval) <= now) {
        end++;
      }
      for (int k = 0; k < workers.size(); k++) {
        workers.get(k).dispatch(phases.get(k), next, end);
      }
      next = end;
    }
  }

  /** One worker's part of a phase (warm-up or measured); its tally is touched on the worker's loop only. */
  static final class Phase {
    final String label;
    final long start;
    final long share;
    final Tally tally = new Tally();
    final Promise<Void> finished = Promise.promise();
    long settled;

    Phase(String label, long start, long share) {
      this.label = label;
      this.start = start;
      this.share = share;
      tally.requests = share;
      tally.start = start;
      if (share == 0) {
        finished.complete();
      }
    }
  }

  static Plan parse(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got '" + name + "'");
      }
      options.put(name.substring(2), args[++i]);
    }
    for (String name : options.keySet()) {
      if (!List.of("url", "mode", "rate", "duration", "connections", "threads", "ids", "prefix", "timeout",
        "warmup")
        .contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    String url = required(options, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url is not a URL: " + url);
    }
    if (!"http".equals(uri.getScheme()) || uri.getPort() < 1) {
      throw new IllegalArgumentException("--url must be http://<loopback address>:<port>, got " + url);
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      throw new IllegalArgumentException("--url takes no path (the mode sets it), got " + url);
    }
    String host = Loopback.require(uri.getHost(), "--url");
    String mode = required(options, "mode").toLowerCase(Locale.ROOT);
    if (!List.of("create", "get", "list").contains(mode)) {
      throw new IllegalArgumentException("--mode must be create, get or list");
    }
    double rate = number(options, "rate", Double.NaN, 0.1, 200_000);
    int duration = (int) number(options, "duration", Double.NaN, 1, 3600);
    int connections = (int) number(options, "connections", 64, 1, 4096);
    int threads = (int) number(options, "threads", 2, 1, 64);
    int timeout = (int) number(options, "timeout", 10, 1, 120);
    int warmup = (int) number(options, "warmup", 2, 0, 600);
    if (threads > connections) {
      throw new IllegalArgumentException("--threads must not exceed --connections");
    }
    if (rate * (duration + warmup) > MAX_REQUESTS) {
      throw new IllegalArgumentException("rate × duration is over " + MAX_REQUESTS + " requests");
    }
    List<String> ids = List.of();
    if (mode.equals("get")) {
      ids = readIds(required(options, "ids"));
    }
    String prefix = options.getOrDefault("prefix", "rate" + System.currentTimeMillis() + "-"
      + Long.toHexString(System.nanoTime() & 0xffffff));
    if (!prefix.matches("[A-Za-z0-9._-]{1,120}")) {
      throw new IllegalArgumentException("--prefix may hold letters, digits, '.', '_' and '-' only (1-120)");
    }
    String token = System.getenv("BENCH_TOKEN");
    return new Plan(host, uri.getPort(), mode, rate, duration, connections, threads, ids, prefix,
      token == null || token.isBlank() ? null : token.trim(), timeout, warmup);
  }

  private static List<String> readIds(String file) {
    List<String> ids = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        String id = line.trim();
        if (!id.isEmpty()) {
          ids.add(UUID.fromString(id).toString());
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --ids " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ids holds something that is not a UUID: " + e.getMessage());
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("--ids " + file + " holds no ids");
    }
    return List.copyOf(ids);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static double number(Map<String, String> options, String name, double fallback, double min, double max) {
    String raw = options.get(name);
    if (raw == null) {
      if (Double.isNaN(fallback)) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + raw + "'");
    }
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + raw);
    }
    return value;
  }

  /** Counts and histograms of one worker, or of all of them once added up. */
  static final class Tally {
    final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
    final Histogram dispatchLag = new Histogram(HIGHEST_MICROS, 3);
    final Map<Integer, Long> statuses = new TreeMap<>();
    final Map<String, Long> errors = new TreeMap<>();
    long start;
    long requests;
    long ok;
    long lastAnswer;
    String firstError;

    void add(Tally other) {
      latency.add(other.latency);
      dispatchLag.add(other.dispatchLag);
      other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
      other.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
      requests += other.requests;
      ok += other.ok;
      lastAnswer = Math.max(lastAnswer, other.lastAnswer);
      if (firstError == null) {
        firstError = other.firstError;
      }
    }

    Tally copy() {
      Tally copy = new Tally();
      copy.add(this);
      return copy;
    }

    String line(Plan plan) {
      long responses = statuses.values().stream().mapToLong(Long::longValue).sum();
      long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
      long unanswered = requests - responses - errorCount;
      if (unanswered > 0) {
        errors.merge("unanswered", unanswered, Long::sum);
      }
      double seconds = lastAnswer > start ? (lastAnswer - start) / 1e9 : plan.durationSeconds();
      StringJoiner statusList = new StringJoiner(",");
      statuses.forEach((status, count) -> statusList.add(status + "=" + count));
      StringJoiner errorList = new StringJoiner(",");
      errors.forEach((kind, count) -> errorList.add(kind + "=" + count));
      return String.format(Locale.ROOT, "RATE_RESULT mode=%s target_rps=%.2f achieved_rps=%.2f duration_s=%d"
          + " connections=%d threads=%d requests=%d responses=%d ok=%d failed=%d p50_ms=%.3f p90_ms=%.3f"
          + " p99_ms=%.3f p999_ms=%.3f max_ms=%.3f statuses=%s errors=%s dispatch_p99_ms=%.3f"
          + " dispatch_max_ms=%.3f",
        plan.mode(), plan.rate(), responses / seconds, plan.durationSeconds(), plan.connections(), plan.threads(),
        requests, responses, ok, requests - ok,
        ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
        ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()),
        statusList.length() == 0 ? "none" : statusList, errorList.length() == 0 ? "none" : errorList,
        ms(dispatchLag.getValueAtPercentile(99)), ms(dispatchLag.getMaxValue()));
    }

    private static double ms(long micros) {
      return micros / 1000.0;
    }
  }

  /** One event loop's share: every {@code threads}-th request, over its own pool of connections. */
  static final class Worker extends VerticleBase {

    private final Plan plan;
    private final int index;
    private final int connections;
    private final MultiMap headers = HttpHeaders.headers();
    private double interval;
    private HttpClientAgent client;

    Worker(Plan plan, int index, int connections) {
      this.plan = plan;
      this.index = index;
      this.connections = Math.max(1, connections);
    }

    @Override
    public Future<?> start() {
      interval = 1e9 / plan.rate();
      headers.add(HttpHeaders.ACCEPT, "application/json");
      if (plan.mode().equals("create")) {
        headers.add(HttpHeaders.CONTENT_TYPE, "application/json");
      }
      if (plan.token() != null) {
        headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + plan.token());
      }
      client = vertx.createHttpClient(new HttpClientOptions()
          .setKeepAlive(true)
          .setPipelining(false)
          .setDefaultHost(plan.host())
          .setDefaultPort(plan.port()),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      return client == null ? Future.succeededFuture() : client.close();
    }

    /** From the pacing thread: the requests in [from, to) that are this worker's are due now. */
    void dispatch(Phase phase, long from, long to) {
      long first = from + Math.floorMod(index - from, (long) plan.threads());
      if (first >= to) {
        return;
      }
      context.runOnContext(ignored -> {
        for (long seq = first; seq < to; seq += plan.threads()) {
          send(phase, seq);
        }
      });
    }

    Future<Tally> snapshot(Phase phase) {
      Promise<Tally> copy = Promise.promise();
      context.runOnContext(ignored -> copy.complete(phase.tally.copy()));
      return copy.future();
    }

    private void send(Phase phase, long seq) {
      Tally tally = phase.tally;
      long intended = phase.start + (long) (seq * interval);
      record(tally.dispatchLag, System.nanoTime() - intended);
      RequestOptions options = new RequestOptions()
        .setHeaders(headers)
        .setConnectTimeout(TimeUnit.SECONDS.toMillis(plan.timeoutSeconds()))
        .setIdleTimeout(TimeUnit.SECONDS.toMillis(plan.timeoutSeconds()));
      Buffer body = null;
      switch (plan.mode()) {
        case "create" -> {
          options.setMethod(HttpMethod.POST).setURI(COLLECTION);
          body = Buffer.buffer(BODY_HEAD + plan.prefix() + "-" + phase.label + seq + BODY_TAIL);
        }
        case "get" -> options.setMethod(HttpMethod.GET)
          .setURI(COLLECTION + "/" + plan.ids().get((int) (seq % plan.ids().size())));
        default -> options.setMethod(HttpMethod.GET).setURI(COLLECTION + "?limit=20");
      }
      Buffer payload = body;
      client.request(options)
        .compose(request -> payload == null ? request.send() : request.send(payload))
        .compose(response -> response.body().map(answer -> {
          int status = response.statusCode();
          if (status != plan.expectedStatus() && tally.firstError == null) {
            String text = answer.toString().replaceAll("[\\r\\n]+", " ");
            tally.firstError = status + " " + text.substring(0, Math.min(300, text.length()));
          }
          return status;
        }))
        .onComplete(outcome -> {
          long now = System.nanoTime();
          tally.lastAnswer = Math.max(tally.lastAnswer, now);
          if (outcome.succeeded()) {
            record(tally.latency, now - intended);
            tally.statuses.merge(outcome.result(), 1L, Long::sum);
            if (outcome.result() == plan.expectedStatus()) {
              tally.ok++;
            }
          } else {
            Throwable failure = outcome.cause();
            String kind = failure instanceof java.util.concurrent.TimeoutException ? "timeout"
              : failure instanceof java.net.ConnectException ? "connect"
              : failure.getClass().getSimpleName();
            tally.errors.merge(kind, 1L, Long::sum);
            if (tally.firstError == null) {
              tally.firstError = kind + " " + failure.getMessage();
            }
          }
          if (++phase.settled >= phase.share) {
            phase.finished.tryComplete();
          }
        });
    }

    private static void record(Histogram histogram, long nanos) {
      histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }
  }
}
