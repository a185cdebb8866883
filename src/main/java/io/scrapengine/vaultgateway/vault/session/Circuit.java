package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.Subject;

/**
 * A circuit breaker counting consecutive failures to reach one Vault (unreachable or timed out; any answer from
 * Vault, even a refusal, proves it is there and resets the count). Open, it refuses calls without making them;
 * after the open period one probe goes through (half-open) and its outcome closes or reopens the circuit.
 * vertx-circuit-breaker counts failures in a rolling time window rather than consecutively, and schedules timers
 * of its own per breaker; this is a counter and a timestamp per integration, used from its owner's event loop only.
 */
final class Circuit {

  private final int threshold;
  private final long openMillis;
  private int failures;
  private long openUntilMs;
  private boolean probing;

  Circuit(int threshold, long openMillis) {
    this.threshold = threshold;
    this.openMillis = openMillis;
  }

  /** Lets a call through, or refuses it (503, naming when to retry) while open or while a probe runs. */
  void admit(long nowMs) {
    if (failures < threshold) {
      return;
    }
    if (nowMs < openUntilMs || probing) {
      long retryAfterMs = Math.max(1_000, openUntilMs - nowMs);
      throw DomainException.unavailable(Subject.VAULT_CIRCUIT, (retryAfterMs + 999) / 1_000);
    }
    probing = true;
  }

  void succeeded() {
    failures = 0;
    probing = false;
  }

  void failed(long nowMs) {
    probing = false;
    failures++;
    if (failures >= threshold) {
      openUntilMs = nowMs + openMillis;
    }
  }

  boolean open(long nowMs) {
    return failures >= threshold && nowMs < openUntilMs;
  }
}
