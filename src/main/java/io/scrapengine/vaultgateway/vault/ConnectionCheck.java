package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.vault.CheckResult.CheckError;
import io.scrapengine.vaultgateway.vault.CheckResult.TokenInfo;
import io.scrapengine.vaultgateway.vault.CheckResult.VaultInfo;
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
 * answer is a {@link CheckResult}, never a failed future for anything Vault did or did not do; the secret's value
 * is read but never kept.
 */
public final class ConnectionCheck {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);
  private static final long SHORT_TTL_SECONDS = 60;

  private final VaultClient client;
  private final Clock clock;

  private ConnectionCheck(VaultClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public static ConnectionCheck create(VaultClient client) {
    return new ConnectionCheck(client, Clock.systemUTC());
  }

  /**
   * Runs the check.
   *
   * @param target the integration to test
   * @param path   a secret to read as the final step (e.g. {@code secret/data/app/db}), or null to stop after login
   * @return always a result; a failed future only for a {@code path} that {@link SecretPathRule} refuses
   */
  public Future<CheckResult> check(VaultTarget target, String path) {
    if (path != null) {
      Optional<String> violation = SecretPathRule.violation(path);
      if (violation.isPresent()) {
        return Future.failedFuture(new IllegalArgumentException("path " + violation.get()));
      }
    }
    Run run = new Run(target, path, clock.instant(), System.nanoTime());
    return run.health()
      .compose(ignored -> run.login())
      .compose(ignored -> run.lookup())
      .compose(ignored -> run.read())
      .recover(run::stopped)
      .eventually(run::revoke)
      .map(ignored -> run.result())
      .andThen(done -> {
        if (done.succeeded()) {
          CheckResult result = done.result();
          LOG.info("Vault check of {} finished in {} ms: {}", target.endpoint().display(), result.latencyMs(),
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

  /** The state of one check; lives on one context, so plain fields suffice. */
  private final class Run {
    private final VaultTarget target;
    private final String path;
    private final Instant checkedAt;
    private final long started;
    private final List<String> warnings = new ArrayList<>();
    private VaultInfo vault;
    private TokenInfo token;
    private SecretValue clientToken;
    private CheckError error;

    Run(VaultTarget target, String path, Instant checkedAt, long started) {
      this.target = target;
      this.path = path;
      this.checkedAt = checkedAt;
      this.started = started;
    }

    Future<Void> health() {
      return client.health(target).compose(response -> {
        CheckVerdicts.Health health = CheckVerdicts.health(response, target, secrets());
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
          token = CheckVerdicts.tokenFromLogin(auth);
          return Future.succeededFuture();
        }
        return stop(CheckVerdicts.login(response, target, secrets()));
      }, this::unanswered);
    }

    Future<Void> lookup() {
      return client.lookupSelf(target, clientToken).compose(response -> {
        Optional<TokenInfo> looked = CheckVerdicts.tokenFromLookup(response);
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
      return client.mountOf(target, clientToken, path)
        .map(MountInfo::from)
        // the mount is a refinement: without it the read still runs and still gets a verdict
        .otherwise(Optional.empty())
        .compose(mount -> {
          Optional<CheckError> mismatch = mount.flatMap(m -> CheckVerdicts.kvPathMismatch(m, path));
          if (mismatch.isPresent()) {
            return stop(mismatch.get());
          }
          return client.read(target, clientToken, path).compose(response -> {
            Optional<CheckError> verdict = CheckVerdicts.read(response, path, mount, token.policies(), secrets());
            return verdict.isPresent() ? stop(verdict.get()) : Future.succeededFuture();
          }, this::unanswered);
        });
    }

    Future<Void> stopped(Throwable failure) {
      if (!(failure instanceof Stop)) {
        // a bug of ours, not Vault's doing: still answer, and keep the details in our log (no secrets in them)
        LOG.warn("Vault check of {} failed unexpectedly", target.endpoint().display(), failure);
        error = new CheckError(CheckErrorCode.VAULT_ERROR, "The check failed unexpectedly.",
          "Try again; if it persists, contact support.");
      }
      return Future.succeededFuture();
    }

    Future<Void> revoke() {
      if (clientToken == null) {
        return Future.succeededFuture();
      }
      return client.revokeSelf(target, clientToken)
        .<Void>map(response -> {
          if (!response.succeeded()) {
            warnings.add("The check's token could not be revoked (" + response.status() + "); it expires by itself"
              + expiry() + ".");
          }
          return null;
        })
        .otherwise(failure -> {
          warnings.add("The check's token could not be revoked (" + failure.getMessage() + "); it expires by itself"
            + expiry() + ".");
          return null;
        });
    }

    CheckResult result() {
      long latencyMs = (System.nanoTime() - started) / 1_000_000;
      return new CheckResult(error == null, checkedAt, latencyMs, vault, token, warnings, error);
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

    private <T> Future<T> stop(CheckError verdict) {
      error = verdict;
      return Future.failedFuture(new Stop());
    }

    private <T> Future<T> unanswered(Throwable failure) {
      if (failure instanceof VaultCallException call) {
        return stop(new CheckError(call.code(), call.getMessage(), call.hint()));
      }
      return Future.failedFuture(failure);
    }
  }
}
