package io.scrapengine.vaultgateway.auth;

import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * The keys API keys are verified with: those configured at start ({@code options}: PEM, JWK set, or the dev key)
 * and, when JWT_JWKS_URL is set, those an identity provider publishes ({@code jwks}, else null), which change.
 */
public record VerificationKeys(JWTAuthOptions options, JwksCache jwks) {
}
