package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.domain.TextRules;
import io.vertx.core.Future;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies API keys and remembers the verified ones until they expire, so that repeat callers skip the
 * signature check. One instance per event loop: it is not thread-safe and needs no locks.
 */
public final class TokenVerifier {

  /** Registered claims that are NumericDate values (RFC 7519 section 2). */
  private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

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
        return jwks.refreshForUnknownKid(kid).compose(keys -> checked(token));
      }
    }
    return checked(token);
  }

  private Future<Caller> checked(String token) {
    return authenticate(token)
      .recover(failure -> Future.failedFuture(new AuthenticationFailure(describe(failure))))
      .map(this::toCaller)
      .onSuccess(caller -> {
        if (cacheSize > 0) {
          verified.put(token, caller);
        }
      });
  }

  /**
   * vertx-auth-jwt reads the time claims as numbers and throws, rather than failing its future, when a validly
   * signed token carries one of another type ({@code "exp": "tomorrow"}): such a throw is a refused token too.
   */
  private Future<User> authenticate(String token) {
    try {
      return currentAuth().authenticate(new TokenCredentials(token));
    } catch (RuntimeException malformed) {
      return Future.failedFuture(malformed);
    }
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
    for (String timeClaim : TIME_CLAIMS) {
      Object value = claims.getValue(timeClaim);
      if (value != null && !(value instanceof Number)) {
        throw new AuthenticationFailure("The bearer token's " + timeClaim + " claim must be a number (seconds).");
      }
    }
    Object tenant = claims.getValue(tenantClaim);
    if (!(tenant instanceof String tenantId) || tenantId.isBlank() || tenantId.length() > 255) {
      throw new AuthenticationFailure("The bearer token carries no tenant (" + tenantClaim + ") claim.");
    }
    if (!TextRules.isSingleLine(tenantId)) {
      // the tenant id keys every row: it is held to the same characters as any other text
      throw new AuthenticationFailure("The bearer token's tenant (" + tenantClaim + ") contains control characters.");
    }
    String subject = claims.getValue("sub") instanceof String sub && !sub.isBlank() && sub.length() <= 255 ? sub : null;
    if (subject != null && !TextRules.isSingleLine(subject)) {
      // the subject is recorded in the audit trail as who acted: it is held to the same characters too
      throw new AuthenticationFailure("The bearer token's subject (sub) contains control characters.");
    }
    return new Caller(tenantId, subject, scopes(claims.getValue("scope")), Instant.ofEpochSecond(exp.longValue()));
  }

  /**
   * The {@code scope} claim is one string of space-delimited scopes (RFC 8693 section 4.2, RFC 9068 section 2.2.3),
   * the only form accepted: a token that carries it in another form (such as a JSON array) is refused rather than
   * read in a second way. A token without the claim has no scopes.
   */
  private static Set<String> scopes(Object claim) {
    if (claim == null) {
      return Set.of();
    }
    if (!(claim instanceof String text)) {
      throw new AuthenticationFailure("The bearer token's scope claim must be a space-delimited string.");
    }
    return Arrays.stream(text.split(" ")).filter(scope -> !scope.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}
