package io.scrapengine.vaultgateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

/**
 * The contract as the router needs it. vertx-openapi 5.0 refuses response media types it cannot validate, such
 * as {@code application/problem+json}; the router never validates responses, so those response bodies are
 * dropped from its copy while clients still get the full contract from {@code /openapi.yaml}.
 */
final class RouterContract {

  private RouterContract() {
  }

  static Future<OpenAPIContract> load(Vertx vertx, String path) {
    return Utils.readYamlOrJson(vertx, path)
      .map(RouterContract::withoutUnvalidatableResponseContent)
      .compose(json -> OpenAPIContract.from(vertx, json));
  }

  static JsonObject withoutUnvalidatableResponseContent(JsonObject contract) {
    JsonObject copy = contract.copy();
    JsonObject components = copy.getJsonObject("components", new JsonObject());
    stripResponses(components.getJsonObject("responses", new JsonObject()));
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) {
          stripResponses(operation.getJsonObject("responses", new JsonObject()));
        }
      }
    }
    return copy;
  }

  private static void stripResponses(JsonObject responses) {
    for (String status : responses.fieldNames()) {
      JsonObject content = responses.getJsonObject(status).getJsonObject("content");
      if (content != null) {
        content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
      }
    }
  }
}
