package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.auth.AuthenticationFailure;
import io.scrapengine.vaultgateway.auth.Caller;
import io.scrapengine.vaultgateway.auth.TokenVerifier;
import io.scrapengine.vaultgateway.logging.RequestScope;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.internal.handler.ScopedAuthentication;

import java.util.ArrayList;
import java.util.List;

/**
 * Authenticates the bearer token and enforces the scopes the contract requires. It replaces vertx-web's
 * {@code JWTAuthHandler} so that every token problem is a 401 (the stock handler answers 400 to some malformed
 * tokens), verified tokens are cached, and the caller's tenant is put in the context for handlers.
 */
public final class BearerAuthHandler implements JWTAuthHandler, ScopedAuthentication<JWTAuthHandler> {

  private static final String BEARER_PREFIX = "bearer ";

  private final TokenVerifier verifier;
  private final List<String> scopes;

  private BearerAuthHandler(TokenVerifier verifier, List<String> scopes) {
    this.verifier = verifier;
    this.scopes = List.copyOf(scopes);
  }

  public static BearerAuthHandler create(TokenVerifier verifier) {
    return new BearerAuthHandler(verifier, List.of());
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = bearerToken(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      ctx.fail(new ProblemException(HttpProblems.unauthenticated(
        "A bearer token is required: send 'Authorization: Bearer <API key>'.")));
      return;
    }
    verifier.verify(token).onComplete(result -> {
      if (result.failed()) {
        String reason = result.cause() instanceof AuthenticationFailure failure
          ? failure.getMessage() : "The bearer token is invalid.";
        ctx.fail(new ProblemException(HttpProblems.unauthenticated(reason)));
        return;
      }
      Caller caller = result.result();
      RequestScope.tenantKnown(caller.tenantId());
      for (String scope : getScopesOrSearchMetadata(scopes, ctx)) {
        if (!caller.hasScope(scope)) {
          ctx.fail(new ProblemException(HttpProblems.forbidden(scope)));
          return;
        }
      }
      ctx.put(Caller.CONTEXT_KEY, caller);
      ctx.next();
    });
  }

  private static String bearerToken(String header) {
    if (header == null || header.length() <= BEARER_PREFIX.length()
      || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      return null;
    }
    String token = header.substring(BEARER_PREFIX.length()).trim();
    return token.isEmpty() ? null : token;
  }

  @Override
  public JWTAuthHandler scopeDelimiter(String delimiter) {
    if (!" ".equals(delimiter)) {
      throw new UnsupportedOperationException("scopes are space-delimited (RFC 8693)");
    }
    return this;
  }

  @Override
  public JWTAuthHandler withScope(String scope) {
    List<String> more = new ArrayList<>(scopes);
    more.add(scope);
    return new BearerAuthHandler(verifier, more);
  }

  @Override
  public JWTAuthHandler withScopes(List<String> scopes) {
    return new BearerAuthHandler(verifier, scopes);
  }
}
