package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult.TokenInfo;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult.VaultInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tests an integration end to end the way a task would use it: sys/health, AppRole login, token lookup, and
 * optionally reading a secret; then always revokes the token it obtained, whatever happened after the login. The
 * answer is a {@link ConnectionTestResult}, never a failed future for anything Vault did or did not do; the
 * secret's value is read but never kept.
 */
public final class ConnectionTest {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionTest.class);
  private static final long SHORT_TTL_SECONDS = 60;

  private final VaultClient client;
  private final Clock clock;

  private ConnectionTest(VaultClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public static ConnectionTest create(VaultClient client) {
    return new ConnectionTest(client, Clock.systemUTC());
  }

  /**
   * Runs the test.
   *
   * @param target the integration to test
   * @param path   a secret to read as the final step (e.g. {@code secret/data/app/db}), or null to stop after login
   * @return always a result; a failed future only for a {@code path} that {@link SecretPathRule} refuses, as a
   *         validation error naming the field {@code path}
   */
  public Future<ConnectionTestResult> run(VaultTarget target, String path) {
    return run(target, path, false);
  }

  /**
   * Runs the test of an integration whose logins Vault refused recently, so that a refusal now is read as the
   * lockout it most likely is.
   */
  public Future<ConnectionTestResult> run(VaultTarget target, String path, boolean recentlyRefused) {
    if (path != null) {
      Optional<String> violation = SecretPathRule.violation(path);
      if (violation.isPresent()) {
        return Future.failedFuture(DomainException.invalid("path", violation.get()));
      }
    }
    Run run = new Run(target, path, recentlyRefused, clock.instant(), System.nanoTime());
    return run.health()
      .compose(ignored -> run.login())
      .compose(ignored -> run.lookup())
      .compose(ignored -> run.read())
      .recover(run::stopped)
      .eventually(run::revoke)
      .map(ignored -> run.result())
      .andThen(done -> {
        if (done.succeeded()) {
          ConnectionTestResult result = done.result();
          LOG.info("Vault test of {} finished in {} ms: {}", target.endpoint().display(), result.latencyMs(),
            result.ok() ? "ok" : result.error().code());
        }
      });
  }

  /** Thrown inside the chain to skip the remaining steps once the outcome is decided. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** The state of one test run; lives on one context, so plain fields suffice. */
  private final class Run {
    private final VaultTarget target;
    private final String path;
    private final boolean recentlyRefused;
    private final Instant checkedAt;
    private final long started;
    private final List<String> warnings = new ArrayList<>();
    private VaultInfo vault;
    private TokenInfo token;
    private SecretValue clientToken;
    private VaultProblem error;

    Run(VaultTarget target, String path, boolean recentlyRefused, Instant checkedAt, long started) {
      this.target = target;
      this.path = path;
      this.recentlyRefused = recentlyRefused;
      this.checkedAt = checkedAt;
      this.started = started;
    }

    Future<Void> health() {
      return client.health(target).compose(response -> {
        VaultAnswers.Health health = VaultAnswers.health(response, target, secrets());
        vault = health.vault();
        health.warning().ifPresent(warnings::add);
        return health.error().isPresent() ? stop(health.error().get()) : Future.succeededFuture();
      }, this::unanswered);
    }

    Future<Void> login() {
      return client.login(target).compose(response -> {
        JsonObject auth = response.auth();
        if (response.succeeded() && auth != null && auth.getValue("client_token") instanceof String issued
          && !issued.isEmpty()) {
          clientToken = SecretValue.of(issued);
          token = VaultAnswers.tokenFromLogin(auth);
          return Future.succeededFuture();
        }
        return stop(VaultAnswers.login(response, target, secrets(), recentlyRefused));
      }, this::unanswered);
    }

    Future<Void> lookup() {
      return client.lookupSelf(target.settings(), clientToken).compose(response -> {
        Optional<TokenInfo> looked = VaultAnswers.tokenFromLookup(response);
        if (looked.isPresent()) {
          token = looked.get();
        } else {
          warnings.add("The token could not look itself up (" + response.status() + "); its details come from the "
            + "login answer.");
        }
        if (token.ttl() > 0 && token.ttl() < SHORT_TTL_SECONDS) {
          warnings.add("The role's tokens live only " + token.ttl() + " s.");
        }
        if (path == null && token.policies().stream().allMatch(p -> p.equals("default"))) {
          warnings.add("The token has only the 'default' policy, which reads no secrets.");
        }
        return Future.<Void>succeededFuture();
      }, this::unanswered);
    }

    Future<Void> read() {
      if (path == null) {
        return Future.succeededFuture();
      }
      return client.mountOf(target.settings(), clientToken, path)
        .map(MountInfo::from)
        // the mount is a refinement: without it the read still runs and still gets a verdict
        .otherwise(Optional.empty())
        .compose(mount -> {
          Optional<VaultProblem> mismatch = mount.flatMap(m -> VaultAnswers.kvPathMismatch(m, path));
          if (mismatch.isPresent()) {
            return stop(mismatch.get());
          }
          return client.read(target.settings(), clientToken, path).compose(response -> {
            Optional<VaultProblem> verdict = VaultAnswers.read(response, target.settings(), path, mount,
              token.policies(), secrets());
            return verdict.isPresent() ? stop(verdict.get()) : Future.succeededFuture();
          }, this::unanswered);
        });
    }

    Future<Void> stopped(Throwable failure) {
      if (!(failure instanceof Stop)) {
        // a bug of ours, not Vault's doing: still answer, and keep the details in our log (no secrets in them)
        LOG.warn("Vault test of {} failed unexpectedly", target.endpoint().display(), failure);
        error = new VaultProblem(VaultErrorCode.VAULT_ERROR, "The test failed unexpectedly.",
          "Try again; if it persists, contact support.");
      }
      return Future.succeededFuture();
    }

    Future<Void> revoke() {
      if (clientToken == null) {
        return Future.succeededFuture();
      }
      return client.revokeSelf(target.settings(), clientToken)
        .<Void>map(response -> {
          if (!response.succeeded()) {
            warnings.add("The test's token could not be revoked (" + response.status() + "); it expires by itself"
              + expiry() + ".");
          }
          return null;
        })
        .otherwise(failure -> {
          String why = failure instanceof DomainException call && call.vaultProblem() != null
            ? call.vaultProblem().message() : failure.getClass().getSimpleName();
          warnings.add("The test's token could not be revoked (" + why + "); it expires by itself" + expiry() + ".");
          return null;
        });
    }

    ConnectionTestResult result() {
      long latencyMs = (System.nanoTime() - started) / 1_000_000;
      return new ConnectionTestResult(error == null, checkedAt, latencyMs, vault, token, warnings, error);
    }

    private String expiry() {
      return token != null && token.ttl() > 0 ? " within " + token.ttl() + " s" : "";
    }

    private List<String> secrets() {
      List<String> secrets = new ArrayList<>(List.of(target.secretId().reveal()));
      if (clientToken != null) {
        secrets.add(clientToken.reveal());
      }
      return secrets;
    }

    private <T> Future<T> stop(VaultProblem verdict) {
      error = verdict;
      return Future.failedFuture(new Stop());
    }

    private <T> Future<T> unanswered(Throwable failure) {
      if (failure instanceof DomainException call && call.is(ErrorCode.VAULT_FAILED)) {
        return stop(call.vaultProblem());
      }
      return Future.failedFuture(failure);
    }
  }
}
