package io.scrapengine.vaultgateway.api;

/**
 * A token bucket: {@code perSecond} tokens flow in each second up to {@code burst}; a request takes one. Refilled
 * lazily from the clock on each use, so an idle bucket costs nothing. Thread-safe: the buckets of a process are
 * shared by its event loops.
 */
final class TokenBucket {

  /** What a take found: whether it got a token, and what the RateLimit headers say. */
  record Outcome(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
  }

  private final double perNano;
  private final int burst;
  private double tokens;
  private long refilledAt;

  TokenBucket(int perSecond, int burst, long now) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = now;
  }

  synchronized Outcome take(long now) {
    refill(now);
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long reset = seconds((burst - tokens) / perNano);
    long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) / perNano));
    return new Outcome(allowed, burst, (int) Math.floor(tokens), reset, retryAfter);
  }

  /** Whether the bucket is full: then it says nothing a new bucket would not, and may be dropped. */
  synchronized boolean full(long now) {
    refill(now);
    return tokens >= burst;
  }

  private void refill(long now) {
    if (now > refilledAt) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
    }
  }

  private static long seconds(double nanos) {
    return (long) Math.ceil(nanos / 1e9);
  }
}
