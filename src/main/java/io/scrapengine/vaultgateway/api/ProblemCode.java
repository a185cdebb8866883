package io.scrapengine.vaultgateway.api;

import java.util.Locale;

/** The stable, machine-readable codes clients branch on, with their HTTP status and title. */
public enum ProblemCode {
  VALIDATION_FAILED(400, "Validation failed"),
  MALFORMED_JSON(400, "Malformed JSON"),
  UNAUTHENTICATED(401, "Unauthenticated"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  CONFLICT(409, "Conflict"),
  IDEMPOTENCY_KEY_IN_USE(409, "Idempotency key in use"),
  PRECONDITION_FAILED(412, "Precondition failed"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
  VAULT_CHECK_FAILED(422, "Vault check failed"),
  INTERNAL_ERROR(500, "Internal error"),
  SERVICE_UNAVAILABLE(503, "Service unavailable");

  private static final String TYPE_BASE = "https://docs.scrapengine.io/problems/";

  private final int status;
  private final String title;

  ProblemCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String type() {
    return TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
