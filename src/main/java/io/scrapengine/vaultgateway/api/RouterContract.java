package io.scrapengine.vaultgateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

/**
 * The contract as the router needs it. vertx-openapi 5.0 refuses media types it cannot validate, such as
 * {@code application/problem+json} and {@code application/merge-patch+json}. The router never validates
 * responses, so those response bodies are dropped from its copy; merge-patch request bodies are validated as the
 * JSON they are ({@link MergePatchContentType} relabels such requests). Clients still get the full contract from
 * {@code /openapi.yaml}.
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
          mergePatchAsJson(operation.getJsonObject("requestBody"));
        }
      }
    }
    return copy;
  }

  private static void mergePatchAsJson(JsonObject requestBody) {
    JsonObject content = requestBody == null ? null : requestBody.getJsonObject("content");
    if (content != null && content.containsKey(MergePatchContentType.MEDIA_TYPE)) {
      Object mergePatch = content.remove(MergePatchContentType.MEDIA_TYPE);
      if (!content.containsKey(MediaType.APPLICATION_JSON)) {
        content.put(MediaType.APPLICATION_JSON, mergePatch);
      }
    }
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
