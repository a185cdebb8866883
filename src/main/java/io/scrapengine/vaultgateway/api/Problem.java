package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail}, the stable
 * {@code code}, and where they apply the offending fields ({@code errors}) or a Vault's error ({@code error}).
 */
record Problem(int status, String code, String title, String detail, List<FieldIssue> errors,
               VaultProblem vaultError) {

  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://docs.scrapengine.io/problems/";

  Problem {
    errors = List.copyOf(errors);
  }

  static Problem of(int status, String code, String title, String detail) {
    return new Problem(status, code, title, detail, List.of(), null);
  }

  static Problem validation(List<FieldIssue> errors) {
    return new Problem(400, "VALIDATION_FAILED", "Validation failed", "The request is invalid.", errors, null);
  }

  static Problem validation(String field, String reason) {
    return validation(List.of(new FieldIssue(field, reason)));
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("type", TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'))
      .put("title", title)
      .put("status", status)
      .put("detail", detail)
      .put("code", code);
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(errors.stream()
        .map(issue -> new JsonObject().put("field", issue.field()).put("message", issue.reason()))
        .toList()));
    }
    if (vaultError != null) {
      json.put("error", VaultProblemJson.of(vaultError));
    }
    return json;
  }
}
