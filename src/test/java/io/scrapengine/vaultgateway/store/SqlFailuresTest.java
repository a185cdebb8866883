package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database failures that mean "not now" are a retryable SERVICE_UNAVAILABLE (a 503 with Retry-After), never a 500;
 * idempotent statements run again after a serialization failure or a deadlock, a bounded number of times; and a
 * statement longer than the configured timeout is cancelled by the server and answered the same way.
 */
class SqlFailuresTest {

  private static PgException failure(String sqlState) {
    return new PgException("simulated", "ERROR", sqlState, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"08006", "08001", "53300", "53100", "55P03", "55006", "57014", "57P01", "57P03", "40001",
    "40P01"})
  void unavailableOrRetryStatesAreServiceUnavailable(String sqlState) {
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, SqlFailures.classify("test", failure(sqlState)).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"22021", "23502", "42P01", "42703", "XX000"})
  void otherStatesAreOurFault(String sqlState) {
    assertEquals(ErrorCode.INTERNAL_ERROR, SqlFailures.classify("test", failure(sqlState)).code());
  }

  @Test
  void anIdempotentStatementRunsAgainAfterADeadlockOrSerializationFailure() {
    AtomicInteger calls = new AtomicInteger();
    Future<String> result = SqlFailures.idempotent(() -> calls.incrementAndGet() < 3
      ? Future.failedFuture(failure(calls.get() == 1 ? "40P01" : "40001")) : Future.succeededFuture("rows"));
    assertEquals("rows", result.result());
    assertEquals(3, calls.get());
  }

  @Test
  void retriesAreBounded() {
    AtomicInteger calls = new AtomicInteger();
    Future<String> result = SqlFailures.idempotent(() -> {
      calls.incrementAndGet();
      return Future.failedFuture(failure("40001"));
    });
    assertTrue(result.failed());
    assertEquals(SqlFailures.ATTEMPTS, calls.get());
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    Future<String> result = SqlFailures.idempotent(() -> {
      calls.incrementAndGet();
      return Future.failedFuture(failure("23505"));
    });
    assertTrue(result.failed());
    assertEquals(1, calls.get());
  }

  @Test
  void aStatementPastTheTimeoutIsCancelledAndUnavailable() {
    Vertx vertx = Vertx.vertx();
    try (TestDatabase database = TestDatabase.create()) {
      GatewayConfig config = ConfigLoader.load(vertx, new JsonObject().put("database",
        database.configSection().put("statementTimeoutMs", 200)), false).await();
      PgConnectOptions options = PgOptions.connectOptions(config.database());
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build();
      try {
        Throwable failure = pool.query("SELECT pg_sleep(3)").execute().<Object>map(rows -> rows)
          .otherwise(error -> error).await() instanceof Throwable error ? error : null;
        assertTrue(failure instanceof PgException, String.valueOf(failure));
        assertEquals("57014", ((PgException) failure).getSqlState());
        DomainException classified = SqlFailures.classify("slow statement", failure);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, classified.code());
        assertEquals(1, pool.query("SELECT 1").execute().await().size(), "short statements still run");
      } finally {
        pool.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }
}
