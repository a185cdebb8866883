package io.scrapengine.vaultgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's own meters, in one place, so that features record facts ("a Vault login failed with this code")
 * and never build meter names or tags themselves. Tag values must come from closed sets (route templates,
 * operation names, error codes), never from tenants, ids or raw paths: every distinct value is a new time series.
 *
 * <p>Thread-safe; meters are created on first use and cached by Micrometer.
 */
public final class GatewayMetrics {

  /**
   * Latency histogram buckets from 1 ms to 30 s, enough to tell a cached answer from a Vault timing out; a fixed
   * few, because every bucket is a time series per route and status.
   */
  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
    Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
    Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
    Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final MeterRegistry registry;
  private final ConcurrentMap<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  private GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public static GatewayMetrics create(MeterRegistry registry) {
    return new GatewayMetrics(registry);
  }

  /** Meters that go nowhere, for code run outside a gateway (commands, unit tests of single classes). */
  public static GatewayMetrics discarding() {
    return new GatewayMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** One HTTP request, by method, route template (never the raw path) and status. */
  public void httpRequest(String method, String routeTemplate, int status, long durationNanos) {
    timer("http.server.requests", "HTTP requests served, by route template and status",
      Tags.of("method", method, "route", routeTemplate, "status", Integer.toString(status)))
      .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One call to a customer's Vault.
   *
   * @param operation what was asked: {@code health}, {@code login}, {@code read}... (a fixed set)
   * @param outcome   Vault's HTTP status when it answered, else the error code of why it did not
   */
  public void vaultCall(String operation, String outcome, long durationNanos) {
    timer("vault.client.requests", "Calls to customers' Vaults, by operation and outcome",
      Tags.of("operation", operation, "outcome", outcome))
      .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** How a Vault session found its token: {@code reused} (cached), {@code shared} (a login under way) or {@code login}. */
  public void sessionToken(String source) {
    counter("vault.sessions.tokens", "Tokens Vault sessions handed out, by where they came from", "source", source)
      .increment();
  }

  /** One session login, by outcome: {@code OK} or the Vault error code. */
  public void sessionLogin(String outcome) {
    counter("vault.sessions.logins", "AppRole logins of Vault sessions, by outcome", "outcome", outcome).increment();
  }

  /**
   * One session renewal, by outcome: {@code renewed}, {@code capped} (the max TTL is near, a login follows),
   * {@code refused} (a login follows) or {@code unanswered} (retried sooner).
   */
  public void sessionRenewal(String outcome) {
    counter("vault.sessions.renewals", "Token renewals of Vault sessions, by outcome", "outcome", outcome)
      .increment();
  }

  /**
   * A counter for a domain event, e.g. {@code counter("vault.sessions.logins", "...", "outcome", "ok")}: session
   * logins, renewals, cache hits. Tags are name/value pairs from closed sets.
   */
  public Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  /** A latency timer with the gateway's histogram buckets, for a domain operation. */
  public Timer timer(String name, String description, String... tags) {
    return timer(name, description, Tags.of(tags));
  }

  /**
   * A number the caller keeps up to date, exposed as a gauge, e.g. rows left to re-encrypt during a key rewrap.
   * Asking again for the same name and tags returns the same holder.
   */
  public AtomicLong gauge(String name, String description, String... tags) {
    Tags tagList = Tags.of(tags);
    return gauges.computeIfAbsent(name + tagList, key -> {
      AtomicLong holder = new AtomicLong();
      Gauge.builder(name, holder, AtomicLong::doubleValue).description(description).tags(tagList)
        .strongReference(true).register(registry);
      return holder;
    });
  }

  private Timer timer(String name, String description, Tags tags) {
    return Timer.builder(name).description(description).tags(tags)
      .serviceLevelObjectives(BUCKETS)
      .register(registry);
  }
}
