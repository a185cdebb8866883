package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.config.AuthConfig;
import io.scrapengine.vaultgateway.config.ConfigException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verification keys an identity provider publishes at its JWKS URL (Keycloak, Auth0, Okta, Entra...), one
 * copy per process: fetched at start (no start without them), again periodically, and again when a token names
 * a key id not seen yet (an IdP rotating its keys), at most once per minimum interval however many such tokens
 * arrive, so that made-up key ids cannot turn the gateway into a load generator against the IdP. When a fetch
 * fails, the keys already known keep being used: a brief IdP outage does not stop API keys from working.
 *
 * <p>Thread-safe: verifiers on every event loop read {@link #current()}; fetches are single-flight.
 */
public final class JwksCache {

  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final int TIMEOUT_MS = 10_000;

  /** One fetched key set; {@code version} grows with every change. */
  public record Keys(long version, List<JsonObject> jwks, Set<String> kids) {
  }

  private final Vertx vertx;
  private final Context fetchContext;
  private final HttpClient client;
  private final String url;
  private final List<String> algorithms;
  private final long minRefreshMs;
  private volatile Keys current = new Keys(0, List.of(), Set.of());
  private Future<Keys> inFlight;
  /** When a token's unknown key id last made us fetch; 0 before the first time. */
  private long lastUnknownKidFetchMs;
  private long timerId = -1;

  private JwksCache(Vertx vertx, String url, List<String> algorithms, long minRefreshMs) {
    this.vertx = vertx;
    this.fetchContext = vertx.getOrCreateContext();
    this.url = url;
    this.algorithms = algorithms;
    this.minRefreshMs = minRefreshMs;
    // a fetch every few minutes at most: a fresh connection each time, so that no pooled connection the identity
    // provider (or a proxy before it) dropped quietly can hold a fetch up
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS)
      .setKeepAlive(false).setMaxRedirects(0));
  }

  /** Fetches the keys once (failing the start if it cannot) and schedules the periodic refresh. */
  public static Future<JwksCache> start(Vertx vertx, AuthConfig config) {
    JwksCache cache = new JwksCache(vertx, config.jwksUrl(), config.algorithms(),
      config.jwksMinRefreshSeconds() * 1000L);
    return cache.refresh()
      .recover(failure -> cache.close().transform(ignored -> Future.failedFuture(new ConfigException(
        "cannot fetch the JWT verification keys from JWT_JWKS_URL " + config.jwksUrl() + ": "
          + failure.getMessage()))))
      .map(keys -> {
        cache.timerId = vertx.setPeriodic(config.jwksRefreshSeconds() * 1000L, ignored -> cache.refresh());
        return cache;
      });
  }

  public Keys current() {
    return current;
  }

  /**
   * A token named {@code kid}, which the current keys lack: fetch again unless the last attempt was too recent.
   * Answers the keys to use, fresh or not; never fails.
   */
  public Future<Keys> refreshForUnknownKid(String kid) {
    synchronized (this) {
      if (inFlight == null) {
        long now = System.currentTimeMillis();
        if (lastUnknownKidFetchMs != 0 && now - lastUnknownKidFetchMs < minRefreshMs) {
          return Future.succeededFuture(current);
        }
        lastUnknownKidFetchMs = now;
      }
    }
    return refresh().otherwise(failure -> current);
  }

  /** Fetches the key set; concurrent callers share one request. Keeps the known keys when it fails. */
  Future<Keys> refresh() {
    Promise<Keys> fetched;
    synchronized (this) {
      if (inFlight != null) {
        return inFlight;
      }
      fetched = Promise.promise();
      inFlight = fetched.future();
    }
    // a fetch that never ends must not hold every later refresh hostage: give up after twice the request timeout
    long guard = vertx.setTimer(2L * TIMEOUT_MS, ignored -> settle(fetched,
      Future.failedFuture("no answer from the identity provider in " + 2 * TIMEOUT_MS + " ms")));
    fetch().map(this::install).onComplete(done -> {
      vertx.cancelTimer(guard);
      settle(fetched, done);
    });
    return fetched.future();
  }

  private void settle(Promise<Keys> fetched, io.vertx.core.AsyncResult<Keys> done) {
    synchronized (this) {
      if (inFlight == fetched.future()) {
        inFlight = null;
      }
    }
    if (done.failed()) {
      if (fetched.tryFail(done.cause())) {
        LOG.warn("could not refresh the JWKS from {}: {}; still using the {} key(s) known", url,
          done.cause().getMessage(), current.kids().size());
      }
    } else {
      fetched.tryComplete(done.result());
    }
  }

  /**
   * On an event loop of our own, whoever asks (a verifier on any loop, a start-up thread): a response's body
   * handler must be set in the event-loop turn that delivers the response, which only holds when the whole
   * exchange runs on one context; from another thread the body could arrive first and the fetch never end.
   */
  private Future<List<JsonObject>> fetch() {
    if (Vertx.currentContext() == fetchContext) {
      return exchange();
    }
    Promise<List<JsonObject>> fetched = Promise.promise();
    fetchContext.runOnContext(ignored -> exchange().onComplete(fetched));
    return fetched.future();
  }

  private Future<List<JsonObject>> exchange() {
    return client.request(new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.GET)
        .setTimeout(TIMEOUT_MS).putHeader(HttpHeaders.ACCEPT, "application/json"))
      .compose(request -> request.send())
      .compose(response -> {
        if (response.statusCode() != 200) {
          response.end();
          return Future.failedFuture("the identity provider answered " + response.statusCode());
        }
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() < 12 && Long.parseLong(length) > MAX_BODY_BYTES) {
          response.request().reset();
          return Future.failedFuture("the key set is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return response.body();
      })
      .compose(this::usableKeys);
  }

  private Future<List<JsonObject>> usableKeys(Buffer body) {
    if (body.length() > MAX_BODY_BYTES) {
      return Future.failedFuture("the key set is larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonArray keys;
    try {
      keys = body.toJsonObject().getJsonArray("keys");
    } catch (RuntimeException e) {
      return Future.failedFuture("the answer is not a JWK set ({\"keys\": [...]})");
    }
    List<JsonObject> usable = new ArrayList<>();
    for (Object entry : keys == null ? new JsonArray() : keys) {
      if (entry instanceof JsonObject jwk) {
        JwkAlgorithms.forVerification(jwk, algorithms).ifPresent(usable::add);
      }
    }
    if (usable.isEmpty()) {
      return Future.failedFuture("the key set holds no public signing key for JWT_ALGORITHMS " + algorithms);
    }
    return Future.succeededFuture(usable);
  }

  private Keys install(List<JsonObject> jwks) {
    Set<String> kids = jwks.stream().map(jwk -> jwk.getString("kid")).filter(kid -> kid != null)
      .collect(Collectors.toUnmodifiableSet());
    Keys before = current;
    if (before.jwks().equals(jwks)) {
      return before;
    }
    Keys after = new Keys(before.version() + 1, List.copyOf(jwks), kids);
    current = after;
    LOG.info("JWT verification keys from {}: key ids {}", url, kids);
    return after;
  }

  public Future<Void> close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    return client.close();
  }
}
