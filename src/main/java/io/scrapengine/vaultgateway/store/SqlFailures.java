package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.Subject;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sorts database failures into what callers can act on: unavailable (retry later: a 503 with Retry-After, never a
 * 500) or a fault of ours; and runs idempotent statements again after a serialization failure or deadlock.
 */
final class SqlFailures {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK_DETECTED = "40P01";
  /** Attempts of an idempotent statement that keeps meeting serialization failures or deadlocks. */
  static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(SqlFailures.class);

  private SqlFailures() {
  }

  static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
      && constraint.equals(pg.getConstraint());
  }

  /**
   * SQLSTATE classes that mean "not now" rather than "wrong": 08 connection exception, 53 insufficient resources
   * (too many connections, out of memory or disk), 55 object not in prerequisite state (a lock not available), 57
   * operator intervention (shutdown, statement timeout or cancel). Retrying later may work: a 503 with Retry-After.
   */
  static boolean unavailable(String sqlState) {
    return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("55")
      || sqlState.startsWith("57");
  }

  /** A serialization failure (40001) or deadlock (40P01): the statement was rolled back and may simply run again. */
  static boolean retryable(Throwable failure) {
    return failure instanceof PgException pg
      && (SERIALIZATION_FAILURE.equals(pg.getSqlState()) || DEADLOCK_DETECTED.equals(pg.getSqlState()));
  }

  /**
   * Runs an idempotent statement, again (at most {@link #ATTEMPTS} times in all) while it fails as
   * {@link #retryable}: running it twice can do no harm. Statements that are not idempotent are never retried here;
   * their failure is classified as unavailable and the client decides (creates with an Idempotency-Key are safe).
   */
  static <T> Future<T> idempotent(Supplier<Future<T>> statement) {
    return attempt(statement, 1);
  }

  private static <T> Future<T> attempt(Supplier<Future<T>> statement, int attempt) {
    return statement.get().recover(failure -> attempt < ATTEMPTS && retryable(failure)
      ? attempt(statement, attempt + 1) : Future.failedFuture(failure));
  }

  /** A failed future with the failure classified; for {@code .recover(...)}. */
  static <T> Future<T> failed(String operation, Throwable failure) {
    return Future.failedFuture(classify(operation, failure));
  }

  static DomainException classify(String operation, Throwable failure) {
    if (failure instanceof DomainException known) {
      return known;
    }
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      if (unavailable(state) || retryable(failure)) {
        LOG.warn("{}: database unavailable (SQLSTATE {})", operation, state);
        return DomainException.unavailable(Subject.DATABASE);
      }
      LOG.error("{}: database error SQLSTATE {}: {}", operation, state, pg.getErrorMessage());
      return DomainException.internal();
    }
    if (failure instanceof VertxException || failure instanceof IOException || failure instanceof TimeoutException) {
      LOG.warn("{}: database unavailable: {}", operation, failure.getMessage());
      return DomainException.unavailable(Subject.DATABASE);
    }
    LOG.error("{}: unexpected failure", operation, failure);
    return DomainException.internal();
  }
}
