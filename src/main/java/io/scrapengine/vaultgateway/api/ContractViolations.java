package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

import java.util.List;
import java.util.function.Supplier;

/** What the contract validator found wrong with a request, as a problem naming the field. */
final class ContractViolations {

  private ContractViolations() {
  }

  /** @param unexpected the answer for validator failures that are not the client's doing */
  static Problem problem(ValidatorException validation, Supplier<Problem> unexpected) {
    String message = String.valueOf(validation.getMessage());
    boolean aboutBody = message.contains(" body");
    if (validation instanceof SchemaValidationException schema) {
      return Problem.validation(SchemaErrors.fieldErrors(schema.getOutputUnit(),
        aboutBody ? "" : parameterName(message)));
    }
    return switch (validation.type()) {
      case UNSUPPORTED_VALUE_FORMAT -> aboutBody ? HttpProblems.unsupportedMediaType() : unexpected.get();
      case ILLEGAL_VALUE -> aboutBody ? HttpProblems.malformedJson()
        : Problem.validation(parameterName(message), "cannot be decoded");
      case MISSING_REQUIRED_PARAMETER -> aboutBody ? Problem.validation("body", "is required")
        : Problem.validation(parameterName(message), "is required");
      case INVALID_VALUE_FORMAT -> Problem.validation(List.of(
        new FieldIssue(parameterName(message), "is not formatted as the contract requires")));
      default -> unexpected.get();
    };
  }

  /** Validator messages name the parameter last ("... parameter limit" or "... parameter limit is invalid."). */
  private static String parameterName(String message) {
    int index = message.indexOf(" parameter ");
    if (index < 0) {
      return "request";
    }
    String rest = message.substring(index + " parameter ".length()).trim();
    int end = rest.indexOf(' ');
    return (end < 0 ? rest : rest.substring(0, end)).replaceAll("[^A-Za-z0-9_.-]", "");
  }
}
