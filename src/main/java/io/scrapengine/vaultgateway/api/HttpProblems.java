package io.scrapengine.vaultgateway.api;

/**
 * Problems that only the HTTP layer can find: about the token and scopes, the body's media type, the shape of the
 * HTTP message itself (request line, headers, encodings), and the caller's request rate. Each has its own stable
 * {@code code}, so that clients can tell them apart without reading the words.
 */
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

  /** The HTTP message itself is broken: request line, a header, the path or query encoding, the Host header. */
  static Problem malformedRequest(String detail) {
    return Problem.of(400, "MALFORMED_REQUEST", "Malformed request", detail);
  }

  static Problem uriTooLong(int maxBytes) {
    return Problem.of(414, "URI_TOO_LONG", "URI too long",
      "The request line is longer than " + maxBytes + " bytes.");
  }

  static Problem headersTooLarge(int maxBytes) {
    return Problem.of(431, "HEADERS_TOO_LARGE", "Request header fields too large",
      "The request headers are larger than " + maxBytes + " bytes.");
  }

  /** A 400 rather than 505: whatever a client sends, the answer is a 4xx. */
  static Problem unsupportedHttpVersion() {
    return Problem.of(400, "HTTP_VERSION_NOT_SUPPORTED", "HTTP version not supported",
      "Only HTTP/1.1 and HTTP/1.0 are served.");
  }

  static Problem expectationFailed() {
    return Problem.of(417, "EXPECTATION_FAILED", "Expectation failed",
      "The only expectation served is 'Expect: 100-continue'.");
  }

  static Problem notFound(String path) {
    return Problem.of(404, "NOT_FOUND", "Not found", "No resource at " + path + ".");
  }

  static Problem methodNotAllowed(String method, String path) {
    return Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed", method + " is not allowed on " + path + ".");
  }

  static Problem payloadTooLarge(int bodyLimitBytes) {
    return Problem.of(413, "PAYLOAD_TOO_LARGE", "Payload too large",
      "The request body exceeds " + bodyLimitBytes + " bytes.");
  }

  static Problem rateLimited(String scopeClass, long retryAfterSeconds) {
    return Problem.of(429, "RATE_LIMITED", "Too many requests",
      "The " + scopeClass + " rate limit of this tenant is used up; retry after " + retryAfterSeconds
        + " second" + (retryAfterSeconds == 1 ? "" : "s") + ".");
  }

  static Problem serviceUnavailable() {
    return Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
      "The service is temporarily unavailable. Please retry.");
  }

  /** Any other 4xx the framework raises: still a problem document with a stable code. */
  static Problem clientError(int status) {
    return Problem.of(status, "BAD_REQUEST", "Bad request", "The request cannot be served as sent.");
  }
}
