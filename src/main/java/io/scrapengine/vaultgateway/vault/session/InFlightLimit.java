package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.Subject;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * At most {@code limit} calls to one Vault at once, and at most {@code queueSize} more waiting their turn, in
 * order; beyond that a call is refused at once (503), so a slow Vault never builds an unbounded backlog here.
 * Used from its owner's event loop only.
 */
final class InFlightLimit {

  private final int limit;
  private final int queueSize;
  private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
  private int running;

  InFlightLimit(int limit, int queueSize) {
    this.limit = limit;
    this.queueSize = queueSize;
  }

  <T> Future<T> run(Supplier<Future<T>> call) {
    return acquire().compose(ignored -> {
      Future<T> outcome;
      try {
        outcome = call.get();
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      return outcome.andThen(done -> release());
    });
  }

  int running() {
    return running;
  }

  private Future<Void> acquire() {
    if (running < limit) {
      running++;
      return Future.succeededFuture();
    }
    if (waiting.size() >= queueSize) {
      return Future.failedFuture(DomainException.unavailable(Subject.VAULT_QUEUE));
    }
    Promise<Void> turn = Promise.promise();
    waiting.add(turn);
    return turn.future();
  }

  private void release() {
    Promise<Void> next = waiting.poll();
    if (next == null) {
      running--;
    } else {
      next.complete();
    }
  }
}
