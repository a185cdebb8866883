package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.vertx.core.json.JsonObject;

/** A Vault problem as the API shows it: {@code {code, message, hint}}. */
final class VaultProblemJson {

  private VaultProblemJson() {
  }

  static JsonObject of(VaultProblem problem) {
    return new JsonObject()
      .put("code", problem.code().name())
      .put("message", problem.message())
      .put("hint", problem.hint());
  }
}
