package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.auth.Caller;
import io.scrapengine.vaultgateway.config.RateLimitConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant rate limits of one process: a token bucket per tenant and {@link RateClass}, shared by every event
 * loop. Limits are per instance (N instances behind a load balancer admit up to N times the rate), which keeps
 * them free of any shared store on the request path.
 *
 * <p>{@link #of(RateClass)} gives the route handler of a class; it runs after authentication (the tenant comes
 * from the token) and before validation, so that invalid requests count too. Every answer of a limited operation
 * carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the
 * bucket is full again); a refused one is a 429 problem with {@code Retry-After}. To limit an operation, mount it
 * with its class in {@code ApiRouter}: {@code .handle(OPERATION_ID, limits.of(RateClass.RESOLVES), handler)}.
 */
public final class RateLimits {

  private static final long SWEEP_PERIOD_MS = 60_000;

  private final boolean enabled;
  private final Map<RateClass, RateLimitConfig.Rate> rates = new EnumMap<>(RateClass.class);
  private final Map<BucketKey, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final long sweepTimer;

  private record BucketKey(String tenantId, RateClass rateClass) {
  }

  private RateLimits(Vertx vertx, RateLimitConfig config) {
    this.vertx = vertx;
    this.enabled = config.enabled();
    rates.put(RateClass.WRITES, config.writes());
    rates.put(RateClass.TESTS, config.tests());
    rates.put(RateClass.RESOLVES, config.resolves());
    // full buckets say nothing a new one would not: dropping them keeps memory to the tenants active lately
    this.sweepTimer = enabled ? vertx.setPeriodic(SWEEP_PERIOD_MS, fired -> sweep()) : -1;
  }

  public static RateLimits create(Vertx vertx, RateLimitConfig config) {
    return new RateLimits(vertx, config);
  }

  /** The route handler that limits {@code rateClass}; it passes everything through when limits are off. */
  public Handler<RoutingContext> of(RateClass rateClass) {
    RateLimitConfig.Rate rate = rates.get(rateClass);
    return ctx -> {
      Caller caller = Requests.caller(ctx);
      if (!enabled || caller == null) {
        ctx.next();
        return;
      }
      long now = System.nanoTime();
      TokenBucket.Outcome outcome = buckets
        .computeIfAbsent(new BucketKey(caller.tenantId(), rateClass),
          key -> new TokenBucket(rate.perSecond(), rate.burst(), now))
        .take(now);
      HttpServerResponse response = ctx.response();
      response.putHeader("RateLimit-Limit", String.valueOf(outcome.limit()))
        .putHeader("RateLimit-Remaining", String.valueOf(outcome.remaining()))
        .putHeader("RateLimit-Reset", String.valueOf(outcome.resetSeconds()));
      if (outcome.allowed()) {
        ctx.next();
      } else {
        response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(outcome.retryAfterSeconds()));
        ctx.fail(new ProblemException(HttpProblems.rateLimited(rateClass.label(), outcome.retryAfterSeconds())));
      }
    };
  }

  /** Buckets held now; for tests and metrics. */
  public int bucketCount() {
    return buckets.size();
  }

  void sweep() {
    long now = System.nanoTime();
    buckets.values().removeIf(bucket -> bucket.full(now));
  }

  public void close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
  }
}
