package io.scrapengine.vaultgateway.domain;

import java.util.List;
import java.util.Objects;

/**
 * A failure of the domain, the store, the keyring or a customer's Vault, as facts: a code, what it concerns, and
 * the offending value or fields. It carries no HTTP status and no client wording (the HTTP layer words it), and
 * no stack trace: it is an answer, not a bug report. Values in it must never be secrets.
 */
public final class DomainException extends RuntimeException {

  private final ErrorCode code;
  private final Subject subject;
  private final String value;
  private final List<FieldIssue> issues;
  private final VaultProblem vaultProblem;

  private DomainException(ErrorCode code, Subject subject, String value, List<FieldIssue> issues,
                          VaultProblem vaultProblem) {
    super(vaultProblem != null ? vaultProblem.code() + ": " + vaultProblem.message()
      : code + (subject == null ? "" : " " + subject), null, false, false);
    this.code = Objects.requireNonNull(code);
    this.subject = subject;
    this.value = value;
    this.issues = List.copyOf(issues);
    this.vaultProblem = vaultProblem;
  }

  public static DomainException of(ErrorCode code, Subject subject) {
    return new DomainException(code, subject, null, List.of(), null);
  }

  public static DomainException notFound(Subject subject) {
    return of(ErrorCode.NOT_FOUND, subject);
  }

  /** A unique name already in use; {@code name} is the client's own input. */
  public static DomainException nameTaken(Subject subject, String name) {
    return new DomainException(ErrorCode.CONFLICT, subject, name, List.of(), null);
  }

  public static DomainException invalid(List<FieldIssue> issues) {
    return new DomainException(ErrorCode.VALIDATION_FAILED, null, null, issues, null);
  }

  public static DomainException invalid(String field, String reason) {
    return invalid(List.of(new FieldIssue(field, reason)));
  }

  /** A test that ran before a save failed; {@code failure} is the test's own error, free of secrets. */
  public static DomainException testFailed(VaultProblem failure) {
    return new DomainException(ErrorCode.VAULT_CHECK_FAILED, Subject.VAULT_INTEGRATION, null, List.of(),
      Objects.requireNonNull(failure));
  }

  /**
   * A wrap token the Vault refused or that wraps something else ({@code code} is {@link ErrorCode#WRAP_TOKEN_INVALID}
   * or {@link ErrorCode#WRAP_TOKEN_UNEXPECTED}); {@code problem} is free of the token.
   */
  public static DomainException wrapTokenRefused(ErrorCode code, VaultProblem problem) {
    return new DomainException(code, Subject.WRAP_TOKEN, null, List.of(), Objects.requireNonNull(problem));
  }

  /** The Vault could not be used to unwrap a wrap token (unreachable, TLS, sealed...); nothing was saved. */
  public static DomainException unwrapFailed(VaultProblem problem) {
    return new DomainException(ErrorCode.VAULT_CHECK_FAILED, Subject.WRAP_TOKEN, null, List.of(),
      Objects.requireNonNull(problem));
  }

  /** A call to a customer's Vault that got no usable answer (refused address, unreachable, TLS, redirect...). */
  public static DomainException vaultFailed(VaultErrorCode code, String message, String hint) {
    return new DomainException(ErrorCode.VAULT_FAILED, Subject.VAULT, null, List.of(),
      new VaultProblem(code, message, hint));
  }

  public static DomainException unavailable(Subject subject) {
    return of(ErrorCode.SERVICE_UNAVAILABLE, subject);
  }

  public static DomainException internal() {
    return of(ErrorCode.INTERNAL_ERROR, null);
  }

  public ErrorCode code() {
    return code;
  }

  /** What the error is about, or null. */
  public Subject subject() {
    return subject;
  }

  /** The client's own value the error is about (such as a name in conflict), or null. */
  public String value() {
    return value;
  }

  public List<FieldIssue> issues() {
    return issues;
  }

  /**
   * For the Vault codes ({@link ErrorCode#VAULT_FAILED}, {@link ErrorCode#VAULT_CHECK_FAILED},
   * {@link ErrorCode#WRAP_TOKEN_INVALID}, {@link ErrorCode#WRAP_TOKEN_UNEXPECTED}): what went wrong.
   */
  public VaultProblem vaultProblem() {
    return vaultProblem;
  }

  public boolean is(ErrorCode expected) {
    return code == expected;
  }
}
