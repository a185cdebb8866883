package io.scrapengine.vaultgateway.api;

/** Problems that only the HTTP layer can find: about the token, the scopes and the body's media type. */
final class HttpProblems {

  private HttpProblems() {
  }

  static Problem unauthenticated(String reason) {
    return Problem.of(401, "UNAUTHENTICATED", "Unauthenticated", reason);
  }

  static Problem forbidden(String scope) {
    return Problem.of(403, "FORBIDDEN", "Forbidden", "The token lacks the scope: " + scope);
  }

  static Problem unsupportedMediaType() {
    return Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
      "The request body must be application/json.");
  }

  static Problem malformedJson() {
    return Problem.of(400, "MALFORMED_JSON", "Malformed JSON", "The request body is not valid JSON.");
  }
}
