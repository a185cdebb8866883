package io.scrapengine.vaultgateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A problem to answer the client with, as an RFC 9457 document. The detail is written for the client. */
public final class ApiException extends RuntimeException {

  private final ProblemCode code;
  private final List<FieldError> errors;
  private final JsonObject checkError;

  public ApiException(ProblemCode code, String detail) {
    this(code, detail, List.of());
  }

  public ApiException(ProblemCode code, String detail, List<FieldError> errors) {
    this(code, detail, errors, null);
  }

  private ApiException(ProblemCode code, String detail, List<FieldError> errors, JsonObject checkError) {
    super(detail, null, false, false);
    this.code = code;
    this.errors = List.copyOf(errors);
    this.checkError = checkError;
  }

  /** A failed connection test that stopped a save; the problem carries the test's error object. */
  public static ApiException vaultCheckFailed(JsonObject checkError) {
    return new ApiException(ProblemCode.VAULT_CHECK_FAILED,
      "The connection test failed, so the integration was not saved.", List.of(), checkError);
  }

  public static ApiException validation(List<FieldError> errors) {
    return new ApiException(ProblemCode.VALIDATION_FAILED, "The request is invalid.", errors);
  }

  public ProblemCode code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public JsonObject toProblem() {
    JsonObject problem = new JsonObject()
      .put("type", code.type())
      .put("title", code.title())
      .put("status", code.status())
      .put("detail", getMessage())
      .put("code", code.name());
    if (!errors.isEmpty()) {
      problem.put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    }
    if (checkError != null) {
      problem.put("error", checkError);
    }
    return problem;
  }
}
