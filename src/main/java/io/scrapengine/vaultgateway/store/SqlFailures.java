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

/** Sorts database failures into what callers can act on: unavailable (retry later) or a fault of ours. */
final class SqlFailures {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final Logger LOG = LoggerFactory.getLogger(SqlFailures.class);

  private SqlFailures() {
  }

  static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
      && constraint.equals(pg.getConstraint());
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
      // 08: connection, 53: insufficient resources, 57: operator intervention (shutdown, cancel)
      if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
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
