package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.FailureKind;
import io.scrapengine.vaultgateway.bus.ServiceException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Sorts database failures into what the client is told: a retryable 503 or our own 500. */
final class SqlFailures {

  static final String UNIQUE_VIOLATION = "23505";
  private static final Logger LOG = LoggerFactory.getLogger(SqlFailures.class);

  private SqlFailures() {
  }

  static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
      && constraint.equals(pg.getConstraint());
  }

  static ServiceException classify(String operation, Throwable failure) {
    if (failure instanceof ServiceException known) {
      return known;
    }
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      // 08: connection, 53: insufficient resources, 57: operator intervention (shutdown, cancel)
      if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
        LOG.warn("{}: database unavailable (SQLSTATE {})", operation, state);
        return unavailable();
      }
      LOG.error("{}: database error SQLSTATE {}: {}", operation, state, pg.getErrorMessage());
      return new ServiceException(FailureKind.INTERNAL, "An unexpected error occurred.");
    }
    if (failure instanceof VertxException || failure instanceof IOException || failure instanceof TimeoutException) {
      LOG.warn("{}: database unavailable: {}", operation, failure.getMessage());
      return unavailable();
    }
    LOG.error("{}: unexpected failure", operation, failure);
    return new ServiceException(FailureKind.INTERNAL, "An unexpected error occurred.");
  }

  private static ServiceException unavailable() {
    return new ServiceException(FailureKind.UNAVAILABLE, "The database is temporarily unavailable. Please retry.");
  }
}
