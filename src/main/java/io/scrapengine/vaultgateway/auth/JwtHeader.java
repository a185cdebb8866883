package io.scrapengine.vaultgateway.auth;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads a JWT's header without trusting it: only to pick a key, which the signature check then confirms. */
final class JwtHeader {

  private static final int MAX_HEADER_CHARS = 4096;

  private JwtHeader() {
  }

  /** The {@code kid}, or null when the token has none or is not a JWT (verification then says why). */
  static String kid(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot > MAX_HEADER_CHARS) {
      return null;
    }
    try {
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
        StandardCharsets.UTF_8));
      return header.getValue("kid") instanceof String kid && !kid.isEmpty() && kid.length() <= 256 ? kid : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
