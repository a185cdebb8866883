package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.domain.VaultProblem;

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
      case CONFLICT -> error.count() > 0
        ? Problem.of(409, "CONFLICT", "Conflict", "The " + name(error.subject()) + " is still used by "
          + error.count() + " " + plural(error.count(), "credential") + "; delete them (or point them elsewhere) first.")
        : Problem.of(409, "CONFLICT", "Conflict",
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
      case VAULT_FAILED -> vaultFailed(error.vaultProblem());
      case REFERENCE_NOT_FOUND -> new Problem(422, "REFERENCE_NOT_FOUND", "Reference not found",
        "The request refers to a " + name(error.subject()) + " you do not have.",
        List.of(new FieldIssue(error.value(), "names no " + name(error.subject()) + " of yours")), null);
      case SECRET_FIELD_MISSING -> new Problem(422, "SECRET_FIELD_MISSING", "Secret field missing",
        "The secret in Vault has no key '" + error.value() + "' that the credential maps.", error.issues(), null);
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
        unavailable(error.subject(), error.retryAfterSeconds()));
      case UNDECRYPTABLE, INTERNAL_ERROR -> internal();
    };
  }

  /** A customer's Vault failed: its own code, 504 when it did not answer in time, else 502. */
  private static Problem vaultFailed(VaultProblem problem) {
    return new Problem(problem.timedOut() ? 504 : 502, problem.code().name(),
      problem.timedOut() ? "Vault timed out" : "Vault error", problem.message(), List.of(), problem);
  }

  private static String unavailable(Subject subject, long retryAfterSeconds) {
    if (subject == null) {
      return "The service is temporarily unavailable. Please retry.";
    }
    return switch (subject) {
      case DATABASE -> "The database is temporarily unavailable. Please retry.";
      case VAULT_CIRCUIT -> "The integration's Vault failed repeatedly, so the gateway is not calling it for "
        + retryAfterSeconds + " s; retry then.";
      case VAULT_QUEUE -> "Too many requests are waiting for the integration's Vault; retry shortly.";
      case AUDIT_LOG -> "The request could not be audited, so it was not carried out. Please retry.";
      default -> "The service is temporarily unavailable. Please retry.";
    };
  }

  static Problem internal() {
    return Problem.of(500, "INTERNAL_ERROR", "Internal error", "An unexpected error occurred.");
  }

  private static String name(Subject subject) {
    if (subject == null) {
      return "object";
    }
    return switch (subject) {
      case VAULT_INTEGRATION -> "Vault integration";
      case CREDENTIAL -> "credential";
      default -> "object";
    };
  }

  private static String shortName(Subject subject) {
    return subject == Subject.VAULT_INTEGRATION ? "integration" : name(subject);
  }

  private static String plural(long count, String word) {
    return count == 1 ? word : word + "s";
  }
}
