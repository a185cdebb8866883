package io.scrapengine.vaultgateway.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies API keys and remembers the verified ones until they expire, so that repeat callers skip the
 * signature check. One instance per event loop: it is not thread-safe and needs no locks.
 */
public final class TokenVerifier {

  private final Vertx vertx;
  private final JWTAuthOptions staticOptions;
  private final JwksCache jwks;
  private JWTAuth jwtAuth;
  private long keysVersion;
  private final String tenantClaim;
  private final Clock clock;
  private final Map<String, Caller> verified;
  private final int cacheSize;

  private TokenVerifier(Vertx vertx, JWTAuthOptions staticOptions, JwksCache jwks, JWTAuth jwtAuth,
                        String tenantClaim, int cacheSize, Clock clock) {
    this.vertx = vertx;
    this.staticOptions = staticOptions;
    this.jwks = jwks;
    this.jwtAuth = jwtAuth;
    this.tenantClaim = tenantClaim;
    this.cacheSize = cacheSize;
    this.clock = clock;
    this.verified = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
        return size() > TokenVerifier.this.cacheSize;
      }
    };
  }

  public static TokenVerifier create(JWTAuth jwtAuth, String tenantClaim, int cacheSize) {
    return new TokenVerifier(null, null, null, jwtAuth, tenantClaim, cacheSize, Clock.systemUTC());
  }

  /** Verifies with the configured keys and, when there is a JWKS URL, with the identity provider's current keys. */
  public static TokenVerifier create(Vertx vertx, VerificationKeys keys, String tenantClaim, int cacheSize) {
    TokenVerifier verifier = new TokenVerifier(vertx, keys.options(), keys.jwks(), null, tenantClaim, cacheSize,
      Clock.systemUTC());
    verifier.jwtAuth = verifier.build(keys.jwks() == null ? null : keys.jwks().current());
    return verifier;
  }

  public Future<Caller> verify(String token) {
    Caller cached = verified.get(token);
    if (cached != null) {
      if (clock.instant().isBefore(cached.expiresAt())) {
        return Future.succeededFuture(cached);
      }
      verified.remove(token);
    }
    if (jwks != null) {
      String kid = JwtHeader.kid(token);
      if (kid != null && !jwks.current().kids().contains(kid)) {
        // perhaps the identity provider rotated its keys: look again (rate-limited), then verify
        return jwks.refreshForUnknownKid(kid).compose(keys -> authenticate(token));
      }
    }
    return authenticate(token);
  }

  private Future<Caller> authenticate(String token) {
    return currentAuth().authenticate(new TokenCredentials(token))
      .recover(failure -> Future.failedFuture(new AuthenticationFailure(describe(failure))))
      .map(this::toCaller)
      .onSuccess(caller -> {
        if (cacheSize > 0) {
          verified.put(token, caller);
        }
      });
  }

  /** The provider for the identity provider's current keys, rebuilt when they changed (rarely). */
  private JWTAuth currentAuth() {
    if (jwks != null && jwks.current().version() != keysVersion) {
      jwtAuth = build(jwks.current());
    }
    return jwtAuth;
  }

  private JWTAuth build(JwksCache.Keys keys) {
    JWTAuthOptions options = new JWTAuthOptions()
      .setJWTOptions(staticOptions.getJWTOptions())
      .setPubSecKeys(staticOptions.getPubSecKeys() == null ? new ArrayList<>()
        : new ArrayList<>(staticOptions.getPubSecKeys()))
      .setJwks(staticOptions.getJwks() == null ? new ArrayList<>() : new ArrayList<>(staticOptions.getJwks()));
    if (keys != null) {
      keys.jwks().forEach(options::addJwk);
      keysVersion = keys.version();
    }
    return JWTAuth.create(vertx, options);
  }

  private static String describe(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (message.contains("expired")) {
      return "The bearer token has expired.";
    }
    if (message.contains("audience")) {
      return "The bearer token was not issued for this service (aud).";
    }
    if (message.contains("issuer")) {
      return "The bearer token was issued by an untrusted issuer (iss).";
    }
    return "The bearer token is invalid.";
  }

  private Caller toCaller(User user) {
    JsonObject claims = user.attributes().getJsonObject("accessToken");
    if (claims == null || !(claims.getValue("exp") instanceof Number exp)) {
      throw new AuthenticationFailure("The bearer token must carry an expiry (exp).");
    }
    Object tenant = claims.getValue(tenantClaim);
    if (!(tenant instanceof String tenantId) || tenantId.isBlank() || tenantId.length() > 255) {
      throw new AuthenticationFailure("The bearer token carries no tenant (" + tenantClaim + ") claim.");
    }
    return new Caller(tenantId, scopes(claims.getValue("scope")), Instant.ofEpochSecond(exp.longValue()));
  }

  private static Set<String> scopes(Object claim) {
    if (claim instanceof String text) {
      return Arrays.stream(text.split(" ")).filter(scope -> !scope.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
    if (claim instanceof JsonArray array) {
      return array.stream().filter(String.class::isInstance).map(String.class::cast)
        .collect(Collectors.toUnmodifiableSet());
    }
    return Set.of();
  }
}
