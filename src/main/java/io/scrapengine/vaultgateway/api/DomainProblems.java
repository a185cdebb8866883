package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.Subject;

import java.util.List;

/**
 * The one place where domain errors become HTTP: a status, a title and words for the client, for each code. Our
 * own faults become a bare 500 (the caller logs them).
 */
final class DomainProblems {

  private DomainProblems() {
  }

  static Problem of(DomainException error) {
    return switch (error.code()) {
      case VALIDATION_FAILED -> Problem.validation(error.issues());
      case NOT_FOUND -> Problem.of(404, "NOT_FOUND", "Not found", "No " + name(error.subject()) + " with this id.");
      case CONFLICT -> Problem.of(409, "CONFLICT", "Conflict",
        "A " + name(error.subject()) + " named '" + error.value() + "' already exists.");
      case PRECONDITION_FAILED -> Problem.of(412, "PRECONDITION_FAILED", "Precondition failed",
        "The " + shortName(error.subject()) + " has changed since the ETag in If-Match.");
      case IDEMPOTENCY_KEY_IN_USE -> Problem.of(409, "IDEMPOTENCY_KEY_IN_USE", "Idempotency key in use",
        "A request with this Idempotency-Key is still in progress; retry shortly.");
      case IDEMPOTENCY_KEY_REUSED -> Problem.of(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
        "This Idempotency-Key was already used with a different request body.");
      case VAULT_CHECK_FAILED -> new Problem(422, "VAULT_CHECK_FAILED", "Vault check failed",
        error.subject() == Subject.WRAP_TOKEN
          ? "The Vault could not be used to unwrap config.secretIdWrapToken, so nothing was saved."
          : "The connection test failed, so the integration was not saved.", List.of(), error.vaultProblem());
      case STORED_SECRET_UNREADABLE -> Problem.of(409, "STORED_SECRET_UNREADABLE", "Stored secret unreadable",
        "The stored secretId of this integration can no longer be decrypted (it was moved or its key is gone). Set a"
          + " new one with PATCH config.secretId (or config.secretIdWrapToken); the other settings are kept.");
      case WRAP_TOKEN_INVALID -> new Problem(422, "WRAP_TOKEN_INVALID", "Wrap token invalid",
        "The Vault does not accept config.secretIdWrapToken: it is unknown, expired or already used. Make a new"
          + " one; nothing was saved.", List.of(), error.vaultProblem());
      case WRAP_TOKEN_UNEXPECTED -> new Problem(422, "WRAP_TOKEN_UNEXPECTED", "Wrap token unexpected",
        "config.secretIdWrapToken does not wrap an AppRole secret_id of this integration's auth mount; nothing was"
          + " saved.", List.of(), error.vaultProblem());
      case SERVICE_UNAVAILABLE -> Problem.of(503, "SERVICE_UNAVAILABLE", "Service unavailable",
        error.subject() == Subject.DATABASE ? "The database is temporarily unavailable. Please retry."
          : "The service is temporarily unavailable. Please retry.");
      case VAULT_FAILED, UNDECRYPTABLE, INTERNAL_ERROR -> internal();
    };
  }

  static Problem internal() {
    return Problem.of(500, "INTERNAL_ERROR", "Internal error", "An unexpected error occurred.");
  }

  private static String name(Subject subject) {
    return subject == Subject.VAULT_INTEGRATION ? "Vault integration" : "object";
  }

  private static String shortName(Subject subject) {
    return subject == Subject.VAULT_INTEGRATION ? "integration" : "object";
  }
}
