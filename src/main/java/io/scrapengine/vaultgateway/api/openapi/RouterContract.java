package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The contract as the router needs it. vertx-openapi 5.0 refuses media types it cannot validate, such as
 * {@code application/problem+json} and {@code application/merge-patch+json}. The router never validates
 * responses, so those response bodies are dropped from its copy; merge-patch request bodies are validated as the
 * JSON they are ({@link MergePatchContentType} relabels such requests). Clients still get the full contract from
 * {@code /openapi.yaml}. The schemas are inlined as well, see {@link #inlineSchemaReferences}. vertx-openapi 5.1's
 * {@code MediaTypeRegistry} accepts further media types: with that upgrade the media-type part can go.
 * <p>
 * Two more rewrites keep the published contract friendly to generated clients and linters: a relative server url
 * ({@code /api/v1}, so that a client pointed at any gateway stays on it) is made absolute, because vertx-openapi
 * parses server urls with {@link java.net.URL}; and the scopes an operation lists in {@code x-scopes} become the
 * scopes of its security requirements, which is where the router's security handler finds them (linters flag
 * scopes written there directly on an {@code http} scheme).
 */
final class RouterContract {

  private static final String SCHEMA_REF = "#/components/schemas/";
  /** Only the path of a server url matters to the router; this origin is never contacted. */
  static final String RELATIVE_SERVER_ORIGIN = "http://gateway.invalid";
  static final String SCOPES_EXTENSION = "x-scopes";

  private RouterContract() {
  }

  static Future<OpenAPIContract> load(Vertx vertx, String path) {
    return Utils.readYamlOrJson(vertx, path)
      .map(RouterContract::forRouter)
      .compose(json -> OpenAPIContract.from(vertx, json))
      .map(CachedValidatorContract::wrap);
  }

  /** The router's copy: schemas inlined, merge-patch bodies as JSON, unvalidatable response bodies dropped. */
  static JsonObject forRouter(JsonObject contract) {
    JsonObject copy = inlineSchemaReferences(contract);
    absoluteServerUrls(copy.getJsonArray("servers", new JsonArray()));
    JsonArray defaultSecurity = copy.getJsonArray("security", new JsonArray());
    JsonObject components = copy.getJsonObject("components", new JsonObject());
    stripResponses(components.getJsonObject("responses", new JsonObject()));
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) {
          stripResponses(operation.getJsonObject("responses", new JsonObject()));
          mergePatchAsJson(operation.getJsonObject("requestBody"));
          scopesIntoSecurity(operation, defaultSecurity);
        }
      }
    }
    return copy;
  }

  /**
   * Replaces every {@code $ref} to a component schema by the schema itself. The validator resolves a reference
   * on every request it meets one (URL parsing, map lookups); the contract keeps its named components for
   * clients, the router validates against plain nested schemas. Cyclic references are left as they are.
   */
  static JsonObject inlineSchemaReferences(JsonObject contract) {
    JsonObject schemas = contract.getJsonObject("components", new JsonObject())
      .getJsonObject("schemas", new JsonObject());
    JsonObject copy = contract.copy();
    JsonObject paths = copy.getJsonObject("paths");
    if (paths != null) {
      copy.put("paths", inline(paths, schemas, new ArrayDeque<>()));
    }
    return copy;
  }

  private static Object inline(Object node, JsonObject schemas, Deque<String> resolving) {
    if (node instanceof JsonObject object) {
      String ref = object.getString("$ref");
      if (ref != null && ref.startsWith(SCHEMA_REF) && object.size() == 1) {
        String name = ref.substring(SCHEMA_REF.length());
        JsonObject target = schemas.getJsonObject(name);
        if (target == null || resolving.contains(name)) {
          return object;
        }
        resolving.push(name);
        Object inlined = inline(target, schemas, resolving);
        resolving.pop();
        return inlined;
      }
      JsonObject result = new JsonObject();
      object.forEach(entry -> result.put(entry.getKey(), inline(entry.getValue(), schemas, resolving)));
      return result;
    }
    if (node instanceof JsonArray array) {
      JsonArray result = new JsonArray();
      array.forEach(item -> result.add(inline(item, schemas, resolving)));
      return result;
    }
    return node;
  }

  private static void absoluteServerUrls(JsonArray servers) {
    for (Object server : servers) {
      if (server instanceof JsonObject entry && entry.getString("url", "").startsWith("/")) {
        entry.put("url", RELATIVE_SERVER_ORIGIN + entry.getString("url"));
      }
    }
  }

  /** Copies {@code x-scopes} into every scheme of the operation's (or the default) security requirements. */
  private static void scopesIntoSecurity(JsonObject operation, JsonArray defaultSecurity) {
    JsonArray scopes = operation.getJsonArray(SCOPES_EXTENSION);
    if (scopes == null) {
      return;
    }
    JsonArray requirements = operation.getJsonArray("security", defaultSecurity).copy();
    for (Object requirement : requirements) {
      JsonObject schemes = (JsonObject) requirement;
      schemes.fieldNames().forEach(scheme -> schemes.put(scheme, scopes.copy()));
    }
    operation.put("security", requirements);
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
