package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.AuditEvent;
import io.scrapengine.vaultgateway.model.Ids;
import io.scrapengine.vaultgateway.model.IntegrationAccess;
import io.scrapengine.vaultgateway.model.LoginRefusal;
import io.scrapengine.vaultgateway.model.LoginRefused;
import io.scrapengine.vaultgateway.model.SecretData;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult;
import io.scrapengine.vaultgateway.vault.MountInfo;
import io.scrapengine.vaultgateway.vault.VaultAnswers;
import io.scrapengine.vaultgateway.vault.VaultResponse;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One integration's session with its Vault, on its owner's event loop: one AppRole login per integration version,
 * shared by every read however many arrive at once (single flight), renewed at about two thirds of its TTL with
 * jitter while in use (as Vault's LifetimeWatcher and Vault Agent do), replaced by a new login when renewal is
 * refused, not possible or capped by the max TTL, revoked when idle or closed. Logins and connection tests take
 * turns, and credentials Vault refused are not sent again until the integration changes or the retry time has
 * passed, so that the gateway can never lock the customer's AppRole out. Reads go through a per-integration
 * in-flight limit and a circuit breaker.
 */
final class IntegrationSession {

  private static final Logger LOG = LoggerFactory.getLogger(IntegrationSession.class);
  /** Vault's and OpenBao's default lockout window: a 403 within it after a refusal is most likely a lockout. */
  private static final Duration LOCKOUT_WINDOW = Duration.ofMinutes(15);
  private static final double RENEW_AT = 2.0 / 3.0;
  private static final double JITTER = 0.1;

  private final Vertx vertx;
  private final SessionDependencies deps;
  private final InFlightLimit limit;
  private final Circuit circuit;
  private final KvMounts mounts = new KvMounts();
  private IntegrationAccess access;
  private LoginRefusal refusal;
  private Token token;
  private Future<Token> login;
  private Future<?> turn = Future.succeededFuture();
  private long renewTimer = -1;
  private long lastUsedMs;
  private boolean closed;

  IntegrationSession(Vertx vertx, SessionDependencies deps, IntegrationAccess access) {
    this.vertx = vertx;
    this.deps = deps;
    this.access = access;
    this.refusal = access.refusal();
    this.limit = new InFlightLimit(deps.options().maxInFlight(), deps.options().queueSize());
    this.circuit = new Circuit(deps.options().circuitFailures(), deps.options().circuitOpen().toMillis());
    this.lastUsedMs = nowMs();
  }

  long version() {
    return access.version();
  }

  /** Takes the newest record of refusals from a request's snapshot of the integration. */
  void seen(IntegrationAccess latest) {
    // the same version may come re-encrypted under a newer key ('keys rewrap' changes no version): keep the newest
    // ciphertext, so that a later login does not need a key that may be retired by then
    if (latest.version() == access.version()) {
      access = latest;
    }
    LoginRefusal stored = latest.refusal();
    if (stored.lastRefusedAt() != null
      && (refusal.lastRefusedAt() == null || stored.lastRefusedAt().isAfter(refusal.lastRefusedAt()))) {
      refusal = stored;
    }
  }

  boolean idle(long nowMs) {
    return nowMs - lastUsedMs > deps.options().idle().toMillis() && limit.running() == 0;
  }

  // ---- reads -----------------------------------------------------------------------------------------------------

  Future<SecretFound> read(SecretLocation location, Actor actor) {
    lastUsedMs = nowMs();
    if (circuit.open(lastUsedMs)) {
      // refuse before queueing: an open circuit should cost nothing
      try {
        circuit.admit(lastUsedMs);
      } catch (DomainException refused) {
        return Future.failedFuture(refused);
      }
    }
    return limit.run(() -> {
      circuit.admit(nowMs());
      return readWithToken(location, actor, true).andThen(outcome -> {
        if (outcome.failed() && outcome.cause() instanceof DomainException failure
          && failure.is(VaultErrorCode.VAULT_UNREACHABLE)) {
          circuit.failed(nowMs());
        } else {
          circuit.succeeded();
        }
      });
    });
  }

  private Future<SecretFound> readWithToken(SecretLocation location, Actor actor, boolean mayLogInAgain) {
    return token(actor).compose(current -> locate(current, location)
      .compose(placement -> readAt(current, placement, location, true))
      .recover(failure -> {
        // a refused read may be a token revoked or expired behind our back: one fresh login, then the verdict
        if (mayLogInAgain && failure instanceof DomainException refused
          && refused.is(VaultErrorCode.PERMISSION_DENIED)) {
          drop(current);
          return readWithToken(location, actor, false);
        }
        return Future.failedFuture(failure);
      }));
  }

  /** The mount and KV version of a path: asked of Vault once per mount, or guessed when Vault will not say. */
  private Future<KvMounts.Placement> locate(Token current, SecretLocation location) {
    Optional<KvMounts.Placement> known = mounts.find(location.path());
    if (known.isPresent()) {
      return Future.succeededFuture(known.get());
    }
    if (mounts.endpointDenied()) {
      return Future.succeededFuture(guessed(location));
    }
    return deps.client().mountOf(access.settings(), current.value(), location.path()).map(response -> {
      Optional<MountInfo> mount = MountInfo.from(response).filter(MountInfo::isKv);
      if (mount.isPresent()) {
        mounts.learn(mount.get());
        return mounts.find(location.path()).orElse(guessed(location));
      }
      if (response.status() == 403) {
        // a policy may deny the mounts endpoint: fall back to the credential's pin, or to trying both versions
        mounts.endpointDenied(true);
      }
      return guessed(location);
    });
  }

  /** Without Vault's word: the first path segment is the mount; the version is the pin, else unknown (0). */
  private static KvMounts.Placement guessed(SecretLocation location) {
    int slash = location.path().indexOf('/');
    return new KvMounts.Placement(location.path().substring(0, slash + 1),
      location.kvVersion() == null ? 0 : location.kvVersion(), false);
  }

  private Future<SecretFound> readAt(Token current, KvMounts.Placement placement, SecretLocation location,
                                     boolean mayAskAgain) {
    int version = placement.kvVersion() != 0 ? placement.kvVersion()
      : location.kvVersion() != null ? location.kvVersion() : 0;
    if (version == 1 && location.secretVersion() != null) {
      return Future.failedFuture(DomainException.vaultFailed(VaultErrorCode.KV_VERSION_MISMATCH,
        "'" + placement.mount() + "' is a KV version 1 mount, which keeps no versions, but the credential asks for "
          + "version " + location.secretVersion() + ".", "Remove secretVersion from the credential, or point it at "
          + "a KV version 2 mount."));
    }
    if (version != 0) {
      return readVersion(current, placement, location, version).recover(failure -> {
        // a read that says the path shape is wrong means what Vault told us about the mount is stale
        if (mayAskAgain && placement.learnt() && failure instanceof DomainException wrongShape
          && wrongShape.is(VaultErrorCode.KV_VERSION_MISMATCH)) {
          mounts.forget(placement.mount());
          return locate(current, location).compose(again -> readAt(current, again, location, false));
        }
        return Future.failedFuture(failure);
      });
    }
    // neither Vault nor the credential says: KV v2 first (the default since Vault 1.1), then v1
    return readVersion(current, placement, location, 2)
      .onSuccess(found -> mounts.learn(placement.mount(), 2))
      .recover(v2Failure -> readVersion(current, placement, location, 1)
        .onSuccess(found -> mounts.learn(placement.mount(), 1))
        .recover(v1Failure -> {
          if (v1Failure instanceof DomainException v1 && v1.is(VaultErrorCode.KV_VERSION_MISMATCH)) {
            // Vault said the mount is versioned: v2's answer is the one that counts
            mounts.learn(placement.mount(), 2);
            return Future.failedFuture(v2Failure);
          }
          return Future.failedFuture(v1Failure);
        }));
  }

  private Future<SecretFound> readVersion(Token current, KvMounts.Placement placement, SecretLocation location,
                                          int kvVersion) {
    String apiPath = placement.apiPath(location.path(), kvVersion);
    Future<VaultResponse> answer = kvVersion == 2 && location.secretVersion() != null
      ? deps.client().read(access.settings(), current.value(), apiPath, location.secretVersion())
      : deps.client().read(access.settings(), current.value(), apiPath);
    Optional<MountInfo> mount = Optional.of(new MountInfo(placement.mount(), "kv", kvVersion));
    return answer.compose(response -> {
      Optional<VaultProblem> problem = VaultAnswers.read(response, access.settings(), apiPath, mount,
        current.policies(), List.of(current.value().reveal()));
      if (problem.isPresent()) {
        return Future.failedFuture(DomainException.vaultFailed(problem.get()));
      }
      JsonObject data = response.data();
      if (kvVersion == 2) {
        JsonObject values = data == null ? null : data.getJsonObject("data");
        JsonObject metadata = data == null ? null : data.getJsonObject("metadata");
        Integer read = metadata != null && metadata.getValue("version") instanceof Number number
          ? number.intValue() : null;
        return Future.succeededFuture(new SecretFound(SecretData.of(values == null ? new JsonObject() : values),
          placement.mount(), 2, read));
      }
      return Future.succeededFuture(new SecretFound(SecretData.of(data == null ? new JsonObject() : data),
        placement.mount(), 1, null));
    });
  }

  // ---- tests -----------------------------------------------------------------------------------------------------

  /** The connection test of the stored integration, taking its turn among logins. */
  Future<ConnectionTestResult> test(String path, Actor actor) {
    lastUsedMs = nowMs();
    return inTurn(() -> {
      Instant now = deps.clock().instant();
      if (refusal.blocks(access.version(), now)) {
        return Future.succeededFuture(ConnectionTestResult.notRun(now, refusedProblem()));
      }
      return deps.connectionTest().run(target(), path, refusal.recent(now, LOCKOUT_WINDOW))
        .compose(result -> result.token() == null && result.error() != null
          && result.error().code() == VaultErrorCode.AUTH_INVALID_CREDENTIALS
          ? remember(now).map(result) : Future.succeededFuture(result));
    });
  }

  // ---- tokens ----------------------------------------------------------------------------------------------------

  /** A usable token: the current one, the login already under way, or a new login. */
  private Future<Token> token(Actor actor) {
    if (token != null && token.usableAt(nowMs())) {
      deps.metrics().sessionToken("reused");
      return Future.succeededFuture(token);
    }
    deps.metrics().sessionToken(login != null ? "shared" : "login");
    return login != null ? login : startLogin(actor, null);
  }

  /** A login every caller until it completes shares; {@code replacing} is the token it takes over from, or null. */
  private Future<Token> startLogin(Actor actor, Token replacing) {
    Future<Token> fresh = inTurn(() -> logIn(actor, replacing));
    if (!fresh.isComplete()) {
      login = fresh;
      fresh.onComplete(done -> {
        if (login == fresh) {
          login = null;
        }
      });
    }
    return fresh;
  }

  /** Logins and tests take turns, so that a refusal one of them meets stops the next. */
  private <T> Future<T> inTurn(Supplier<Future<T>> attempt) {
    Future<T> mine = turn.transform(ignored -> closed
      ? Future.failedFuture(DomainException.unavailable(io.scrapengine.vaultgateway.domain.Subject.VAULT))
      : attempt.get());
    turn = mine;
    return mine;
  }

  private Future<Token> logIn(Actor actor, Token replacing) {
    Instant now = deps.clock().instant();
    if (refusal.blocks(access.version(), now)) {
      return Future.failedFuture(DomainException.vaultFailed(refusedProblem()));
    }
    if (token != null && token != replacing && token.usableAt(nowMs())) {
      // a login that waited its turn behind another one that succeeded
      return Future.succeededFuture(token);
    }
    long started = System.nanoTime();
    VaultTarget target = target();
    return deps.client().login(target).transform(answered -> {
      if (answered.failed()) {
        audit(actor, outcome(answered.cause()), started);
        deps.metrics().sessionLogin(outcome(answered.cause()));
        return Future.failedFuture(answered.cause());
      }
      VaultResponse response = answered.result();
      JsonObject auth = response.auth();
      if (response.succeeded() && auth != null && auth.getValue("client_token") instanceof String issued
        && !issued.isEmpty()) {
        Token fresh = new Token(SecretValue.of(issued), VaultAnswers.tokenFromLogin(auth).ttl(),
          Boolean.TRUE.equals(auth.getValue("renewable")), VaultAnswers.tokenFromLogin(auth).policies(), nowMs());
        install(fresh);
        audit(actor, AuditEvent.OK, started);
        deps.metrics().sessionLogin(AuditEvent.OK);
        return Future.succeededFuture(fresh);
      }
      VaultProblem problem = VaultAnswers.login(response, target, List.of(target.secretId().reveal()),
        refusal.recent(now, LOCKOUT_WINDOW));
      audit(actor, problem.code().name(), started);
      deps.metrics().sessionLogin(problem.code().name());
      Future<Void> remembered = problem.code() == VaultErrorCode.AUTH_INVALID_CREDENTIALS ? remember(now)
        : Future.succeededFuture();
      return remembered.transform(ignored -> Future.failedFuture(DomainException.vaultFailed(problem)));
    });
  }

  /** Records, for every instance, that these credentials were refused; none sends them again for a while. */
  private Future<Void> remember(Instant now) {
    refusal = new LoginRefusal(access.version(), now.plus(deps.options().loginRetryAfter()), now);
    return deps.store().recordLoginRefusal(new LoginRefused(access.ref(), access.version(), refusal.until()))
      .onFailure(failure -> LOG.warn("could not record a refused login of integration {}: {}",
        access.integrationId(), failure.getMessage()));
  }

  private VaultProblem refusedProblem() {
    return new VaultProblem(VaultErrorCode.AUTH_INVALID_CREDENTIALS,
      "Vault refused this integration's role_id and secret_id at " + refusal.lastRefusedAt() + "; the gateway does "
        + "not send them again before " + refusal.until() + ", so that Vault does not lock the AppRole out.",
      "Set the right secretId (or roleId) with PATCH to try again at once.");
  }

  private void install(Token fresh) {
    Token previous = token;
    token = fresh;
    if (previous != null && previous != fresh) {
      revoke(previous);
    }
    scheduleRenewal(fresh, fresh.leaseSeconds());
  }

  /** At about two thirds of what Vault granted, with jitter so that sessions do not renew in step. */
  private void scheduleRenewal(Token current, long grantedSeconds) {
    cancelRenewal();
    if (grantedSeconds <= 0 || closed) {
      return;
    }
    double jitter = 1 - JITTER * ThreadLocalRandom.current().nextDouble();
    long delayMs = Math.max(1, (long) (grantedSeconds * 1000 * RENEW_AT * jitter));
    renewTimer = vertx.setTimer(delayMs, id -> {
      renewTimer = -1;
      renewDue(current);
    });
  }

  private void renewDue(Token current) {
    if (current != token || closed) {
      return;
    }
    if (idle(nowMs())) {
      // nobody used it lately: it is revoked rather than kept alive (the owner drops the session)
      drop(current);
      return;
    }
    if (!current.renewable()) {
      replace(current);
      return;
    }
    long asked = current.leaseSeconds();
    deps.client().renewSelf(access.settings(), current.value(), asked).onComplete((response, failure) -> {
      if (current != token) {
        return;
      }
      if (failure != null) {
        // Vault did not answer: keep the token while it lasts and try again sooner
        deps.metrics().sessionRenewal("unanswered");
        scheduleRenewal(current, Math.max(1, asked / 3));
        return;
      }
      JsonObject auth = response.auth();
      if (!response.succeeded() || auth == null) {
        // refused (not renewable any more, revoked, past its max TTL): a new login takes over
        deps.metrics().sessionRenewal("refused");
        replace(current);
        return;
      }
      long granted = VaultAnswers.tokenFromLogin(auth).ttl();
      current.granted(granted, nowMs());
      if (granted < asked) {
        // capped by the max TTL: the token cannot outlive it, so a new login takes over before it ends
        deps.metrics().sessionRenewal("capped");
        replaceAt(current, granted);
      } else {
        deps.metrics().sessionRenewal("renewed");
        scheduleRenewal(current, granted);
      }
    });
  }

  private void replaceAt(Token current, long remainingSeconds) {
    cancelRenewal();
    long delayMs = Math.max(1, (long) (remainingSeconds * 1000 * RENEW_AT));
    renewTimer = vertx.setTimer(delayMs, id -> {
      renewTimer = -1;
      if (current == token && !closed) {
        if (idle(nowMs())) {
          drop(current);
        } else {
          replace(current);
        }
      }
    });
  }

  /** A new login while the current token still serves; the old one is revoked once the new one is in. */
  private void replace(Token current) {
    if (login != null) {
      return;
    }
    startLogin(Actor.GATEWAY, current).onFailure(failure -> LOG.info(
      "renewing the Vault session of integration {} failed: {}", access.integrationId(), failure.getMessage()));
  }

  private void drop(Token current) {
    if (current == token) {
      token = null;
      cancelRenewal();
    }
    revoke(current);
  }

  private void revoke(Token old) {
    deps.client().revokeSelf(access.settings(), old.value())
      .onFailure(failure -> LOG.debug("could not revoke an old Vault token of integration {}: {}",
        access.integrationId(), failure.getMessage()));
  }

  /** Revokes the token and refuses further work; the owner has dropped this session. */
  Future<Void> close() {
    closed = true;
    cancelRenewal();
    Token current = token;
    token = null;
    if (current == null) {
      return Future.succeededFuture();
    }
    return deps.client().revokeSelf(access.settings(), current.value()).<Void>mapEmpty().otherwiseEmpty();
  }

  private void cancelRenewal() {
    if (renewTimer != -1) {
      vertx.cancelTimer(renewTimer);
      renewTimer = -1;
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  /** The Vault to talk to, with the secret_id opened for this call only. */
  private VaultTarget target() {
    SecretValue secretId = deps.keyring().openStored(
      EncryptionContext.integrationSecretId(access.tenantId(), access.integrationId()), access.sealedSecretId());
    return new VaultTarget(access.settings(), secretId);
  }

  private void audit(Actor actor, String outcome, long startedNanos) {
    AuditEvent event = new AuditEvent(Ids.next(), deps.clock().instant(), access.tenantId(), actor.subject(),
      "session.login", access.integrationId(), null, null, outcome, null, actor.requestId(),
      (System.nanoTime() - startedNanos) / 1_000_000);
    deps.store().appendAuditEvent(event)
      .onFailure(failure -> LOG.warn("could not audit a Vault login of integration {}: {}", access.integrationId(),
        failure.getMessage()));
  }

  private static String outcome(Throwable failure) {
    if (failure instanceof DomainException domain) {
      return domain.vaultProblem() != null ? domain.vaultProblem().code().name() : domain.code().name();
    }
    return ErrorCode.INTERNAL_ERROR.name();
  }

  private long nowMs() {
    return deps.clock().millis();
  }

  UUID integrationId() {
    return access.integrationId();
  }
}
