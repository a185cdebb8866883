package io.scrapengine.vaultgateway.domain;

import java.util.List;
import java.util.Objects;

/**
 * A failure of the domain, the store, the keyring or a customer's Vault, as facts: a code, what it concerns, and
 * the offending value, fields or numbers. It carries no HTTP status and no client wording (the HTTP layer words
 * it), and no stack trace: it is an answer, not a bug report. Values in it must never be secrets.
 */
public final class DomainException extends RuntimeException {

  private final ErrorCode code;
  private final Subject subject;
  private final String value;
  private final List<FieldIssue> issues;
  private final VaultProblem vaultProblem;
  private final long count;
  private final long retryAfterSeconds;

  private DomainException(Builder builder) {
    super(builder.vaultProblem != null ? builder.vaultProblem.code() + ": " + builder.vaultProblem.message()
      : builder.code + (builder.subject == null ? "" : " " + builder.subject), null, false, false);
    this.code = Objects.requireNonNull(builder.code);
    this.subject = builder.subject;
    this.value = builder.value;
    this.issues = List.copyOf(builder.issues);
    this.vaultProblem = builder.vaultProblem;
    this.count = builder.count;
    this.retryAfterSeconds = builder.retryAfterSeconds;
  }

  public static DomainException of(ErrorCode code, Subject subject) {
    return new Builder(code).subject(subject).build();
  }

  public static DomainException notFound(Subject subject) {
    return of(ErrorCode.NOT_FOUND, subject);
  }

  /** A unique name already in use; {@code name} is the client's own input. */
  public static DomainException nameTaken(Subject subject, String name) {
    return new Builder(ErrorCode.CONFLICT).subject(subject).value(name).build();
  }

  /** The object cannot go: {@code count} objects of {@code by} still refer to it. */
  public static DomainException inUse(Subject subject, Subject by, long count) {
    return new Builder(ErrorCode.CONFLICT).subject(subject).value(by.name()).count(count).build();
  }

  public static DomainException invalid(List<FieldIssue> issues) {
    return new Builder(ErrorCode.VALIDATION_FAILED).issues(issues).build();
  }

  public static DomainException invalid(String field, String reason) {
    return invalid(List.of(new FieldIssue(field, reason)));
  }

  /** A field names something that does not exist in the tenant, such as an integration id. */
  public static DomainException missingReference(Subject subject, String field) {
    return new Builder(ErrorCode.REFERENCE_NOT_FOUND).subject(subject).value(field).build();
  }

  /** The secret read lacks {@code key}, which a credential maps; {@code issues} name the mapping fields. */
  public static DomainException secretFieldMissing(String key, List<FieldIssue> issues) {
    return new Builder(ErrorCode.SECRET_FIELD_MISSING).subject(Subject.CREDENTIAL).value(key).issues(issues).build();
  }

  /** A test that ran before a save failed; {@code failure} is the test's own error, free of secrets. */
  public static DomainException testFailed(VaultProblem failure) {
    return new Builder(ErrorCode.VAULT_CHECK_FAILED).subject(Subject.VAULT_INTEGRATION)
      .vaultProblem(Objects.requireNonNull(failure)).build();
  }

  /** A customer's Vault could not be used. */
  public static DomainException vaultFailed(VaultProblem problem) {
    return new Builder(ErrorCode.VAULT_FAILED).subject(Subject.VAULT).vaultProblem(problem).build();
  }

  /**
   * A wrap token the Vault refused or that wraps something else ({@code code} is {@link ErrorCode#WRAP_TOKEN_INVALID}
   * or {@link ErrorCode#WRAP_TOKEN_UNEXPECTED}); {@code problem} is free of the token.
   */
  public static DomainException wrapTokenRefused(ErrorCode code, VaultProblem problem) {
    return new Builder(code).subject(Subject.WRAP_TOKEN).vaultProblem(Objects.requireNonNull(problem)).build();
  }

  /** The Vault could not be used to unwrap a wrap token (unreachable, TLS, sealed...); nothing was saved. */
  public static DomainException unwrapFailed(VaultProblem problem) {
    return new Builder(ErrorCode.VAULT_CHECK_FAILED).subject(Subject.WRAP_TOKEN)
      .vaultProblem(Objects.requireNonNull(problem)).build();
  }

  /** A call to a customer's Vault that got no usable answer (refused address, unreachable, TLS, redirect...). */
  public static DomainException vaultFailed(VaultErrorCode code, String message, String hint) {
    return vaultFailed(new VaultProblem(code, message, hint));
  }

  public static DomainException unavailable(Subject subject) {
    return unavailable(subject, 1);
  }

  /** {@code subject} cannot serve now; it is worth trying again after {@code retryAfterSeconds}. */
  public static DomainException unavailable(Subject subject, long retryAfterSeconds) {
    return new Builder(ErrorCode.SERVICE_UNAVAILABLE).subject(subject).retryAfterSeconds(retryAfterSeconds).build();
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

  /** The client's own value the error is about (a name in conflict, a field, a missing key), or null. */
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

  /** How many objects the error counts (such as the references that keep an object in use), else 0. */
  public long count() {
    return count;
  }

  /** For {@link ErrorCode#SERVICE_UNAVAILABLE}: when trying again makes sense, in seconds. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public boolean is(ErrorCode expected) {
    return code == expected;
  }

  /** Whether this is a customer's Vault failing with {@code expected}. */
  public boolean is(VaultErrorCode expected) {
    return vaultProblem != null && vaultProblem.code() == expected;
  }

  private static final class Builder {
    private final ErrorCode code;
    private Subject subject;
    private String value;
    private List<FieldIssue> issues = List.of();
    private VaultProblem vaultProblem;
    private long count;
    private long retryAfterSeconds;

    private Builder(ErrorCode code) {
      this.code = code;
    }

    Builder subject(Subject value) {
      subject = value;
      return this;
    }

    Builder value(String text) {
      value = text;
      return this;
    }

    Builder issues(List<FieldIssue> value) {
      issues = value;
      return this;
    }

    Builder vaultProblem(VaultProblem value) {
      vaultProblem = value;
      return this;
    }

    Builder count(long value) {
      count = value;
      return this;
    }

    Builder retryAfterSeconds(long value) {
      retryAfterSeconds = value;
      return this;
    }

    DomainException build() {
      return new DomainException(this);
    }
  }
}
