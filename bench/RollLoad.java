import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load for the rolling-restart check (bench/rolling-restart.sh), run as a single-file program:
 * {@code java bench/RollLoad.java}. Each worker loops over creates (with an Idempotency-Key), reads by id and list
 * pages through the load balancer until the stop file appears or the time is up, and counts what a client sees.
 *
 * <p>A create that gets no answer, a 5xx, a 429 or 409 IDEMPOTENCY_KEY_IN_USE is sent again with the same key and
 * body (as a client may, and must then get the original 201 back); it fails only if no attempt gets a 201. Reads
 * are never retried: any answer but 200 is a failure. Settings come from the environment: LOAD_URL, LOAD_TOKEN,
 * LOAD_WORKERS (8), LOAD_SECONDS (600, a hard bound), LOAD_STOP_FILE (stop when it exists).
 */
public final class RollLoad {

  private static final int CREATE_ATTEMPTS = 6;

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  private RollLoad(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    String base = require("LOAD_URL");
    String token = require("LOAD_TOKEN");
    int workers = Integer.parseInt(System.getenv().getOrDefault("LOAD_WORKERS", "8"));
    long seconds = Math.min(3600, Long.parseLong(System.getenv().getOrDefault("LOAD_SECONDS", "600")));
    String stopFile = System.getenv("LOAD_STOP_FILE");
    RollLoad load = new RollLoad(base, token);
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread thread = new Thread(() -> load.run(worker, deadline, stopFile), "load-" + w);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    load.report();
  }

  private void run(int worker, long deadline, String stopFile) {
    long n = 0;
    while (System.nanoTime() < deadline && (stopFile == null || !Files.exists(Path.of(stopFile)))) {
      int pick = ThreadLocalRandom.current().nextInt(10);
      if (pick < 4 || ids.isEmpty()) {
        create("roll-" + worker + "-" + (n++) + "-" + UUID.randomUUID().toString().substring(0, 8));
      } else if (pick < 8) {
        read("get", "/api/v1/vault-integrations/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
      } else {
        read("list", "/api/v1/vault-integrations?limit=10");
      }
    }
  }

  private void create(String name) {
    String key = UUID.randomUUID().toString();
    String body = "{\"name\":\"" + name + "\",\"type\":\"hashicorp\","
      + "\"config\":{\"address\":\"https://vault.invalid:8200\","
      + "\"authMethod\":\"approle\",\"roleId\":\"role\",\"secretId\":\"s.roll\"}}";
    count("sent");
    count("create.sent");
    String last = "";
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        count("create.retried");
      }
      try {
        URI create = URI.create(base + "/api/v1/vault-integrations");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(create)
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", key)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        count("status." + response.statusCode());
        if (response.statusCode() == 201) {
          if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
            count("create.replayed");
          }
          String id = response.body().replaceFirst("^\\{\"id\":\"([0-9a-f-]{36})\".*$", "$1");
          if (id.length() == 36) {
            ids.add(id);
          }
          count("ok");
          return;
        }
        last = response.statusCode() + " " + abbreviate(response.body());
        if (!retryable(response)) {
          break;
        }
        pause(response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) * 1000 + 100L * attempt);
      } catch (IOException e) {
        count("create.io_errors");
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
        pause(100L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    count("failed");
    failures.add("create " + name + ": " + last);
  }

  private static boolean retryable(HttpResponse<String> response) {
    int status = response.statusCode();
    return status >= 500 || status == 429 || status == 409 && response.body().contains("IDEMPOTENCY_KEY_IN_USE");
  }

  private void read(String what, String path) {
    count("sent");
    count(what + ".sent");
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
      count("status." + response.statusCode());
      if (response.statusCode() == 200) {
        count("ok");
        return;
      }
      count("failed");
      failures.add(what + " " + path + ": " + response.statusCode() + " " + abbreviate(response.body()));
    } catch (IOException e) {
      count("failed");
      failures.add(what + " " + path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void report() {
    Map<String, Long> totals = new TreeMap<>();
    counters.forEach((name, value) -> totals.put(name, value.get()));
    StringBuilder line = new StringBuilder("ROLL_LOAD");
    for (String name : List.of("sent", "ok", "failed", "create.sent", "create.retried", "create.replayed",
      "create.io_errors", "get.sent", "list.sent")) {
      line.append(' ').append(name.replace('.', '_')).append('=').append(totals.getOrDefault(name, 0L));
    }
    line.append(" statuses=");
    totals.forEach((name, value) -> {
      if (name.startsWith("status.")) {
        line.append(name.substring(7)).append(':').append(value).append(',');
      }
    });
    System.out.println(line);
    synchronized (failures) {
      failures.stream().limit(10).forEach(failure -> System.out.println("ROLL_LOAD_FAILURE " + failure));
    }
  }

  private void count(String name) {
    counters.computeIfAbsent(name, ignored -> new AtomicLong()).incrementAndGet();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(Math.min(millis, 5_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static String require(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      System.err.println(name + " is required");
      System.exit(2);
    }
    return value;
  }
}
