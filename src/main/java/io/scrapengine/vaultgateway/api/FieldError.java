package io.scrapengine.vaultgateway.api;

import io.vertx.core.json.JsonObject;

/** One rejected field: a dotted path into the body (or a parameter name) and the reason. */
public record FieldError(String field, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }
}
