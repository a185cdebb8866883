package io.scrapengine.vaultgateway.auth;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * Which algorithm a published JWK verifies with. Identity providers do not all say: Entra ID publishes RSA keys
 * without {@code alg}. A key is used only with an algorithm JWT_ALGORITHMS allows, never with private material,
 * and never when it is marked for encryption.
 */
final class JwkAlgorithms {

  private JwkAlgorithms() {
  }

  /** The JWK with its {@code alg} set, or empty when it must not verify API keys here. */
  static Optional<JsonObject> forVerification(JsonObject jwk, List<String> allowed) {
    if (jwk.containsKey("d") || "enc".equals(jwk.getString("use"))) {
      return Optional.empty();
    }
    String alg = jwk.getString("alg");
    if (alg == null) {
      alg = switch (String.valueOf(jwk.getString("kty"))) {
        case "RSA" -> "RS256";
        case "EC" -> switch (String.valueOf(jwk.getString("crv"))) {
          case "P-256" -> "ES256";
          case "P-384" -> "ES384";
          case "P-521" -> "ES512";
          default -> null;
        };
        default -> null;
      };
    }
    if (alg == null || !allowed.contains(alg)) {
      return Optional.empty();
    }
    return Optional.of(jwk.copy().put("alg", alg));
  }
}
