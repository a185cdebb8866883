package io.scrapengine.vaultgateway.keys;

import io.scrapengine.vaultgateway.model.keys.LiveInstances;
import io.scrapengine.vaultgateway.store.KeysetStore;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Waits until every live gateway instance (one heard from within the instance timeout) reports what a step of a
 * rotation needs, for example holding a new key. Instances reload at once when PostgreSQL announces a new version,
 * so the wait is usually a fraction of a second; it is bounded, and on timeout the laggards are named.
 */
final class InstanceWaiter {

  private static final long POLL_MS = 200;

  private final KeysetStore store;
  private final int instanceTimeoutSeconds;
  private final PrintStream out;

  InstanceWaiter(KeysetStore store, int instanceTimeoutSeconds, PrintStream out) {
    this.store = store;
    this.instanceTimeoutSeconds = instanceTimeoutSeconds;
    this.out = out;
  }

  /** The live instances that do not meet {@code ready}, right now. */
  List<LiveInstances.Instance> laggards(Predicate<LiveInstances.Instance> ready) {
    return store.liveInstances(instanceTimeoutSeconds).await().instances().stream()
      .filter(ready.negate()).toList();
  }

  /**
   * @param what what the instances are waited for, for the messages ("to load key 123")
   * @throws KeysCommandException with exit code {@link KeysCommand#TIMED_OUT} naming the laggards
   */
  void await(Predicate<LiveInstances.Instance> ready, String what, Duration timeout) throws KeysCommandException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String reported = "";
    while (true) {
      List<LiveInstances.Instance> waiting = laggards(ready);
      if (waiting.isEmpty()) {
        return;
      }
      String names = describe(waiting);
      if (System.nanoTime() > deadline) {
        throw new KeysCommandException("timed out after " + timeout.toSeconds() + " s waiting for " + waiting.size()
          + " instance(s) " + what + ": " + names + ". Check that they run and reach PostgreSQL; an instance that"
          + " stopped drops out after " + instanceTimeoutSeconds + " s", KeysCommand.TIMED_OUT);
      }
      if (!names.equals(reported)) {
        out.println("waiting for " + waiting.size() + " instance(s) " + what + ": " + names);
        reported = names;
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeysCommandException("interrupted while waiting for instances " + what);
      }
    }
  }

  static String describe(List<LiveInstances.Instance> instances) {
    return instances.stream()
      .map(i -> i.describe() + " with keyset version " + i.keysetVersion() + ", seen " + i.secondsSinceSeen()
        + " s ago")
      .collect(Collectors.joining("; "));
  }
}
