package io.scrapengine.vaultgateway.api.openapi;

import io.scrapengine.vaultgateway.api.ApiRouter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract's house rules, which linters do not check: what generated clients and the router rely on. Every
 * engineer adds paths to the contract; these tests keep the additions in the same shape.
 */
@ExtendWith(VertxExtension.class)
class ContractConventionsTest {

  private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete", "head", "options");

  private JsonObject contract;

  @BeforeEach
  void load(Vertx vertx) {
    contract = io.vertx.openapi.impl.Utils.readYamlOrJson(vertx, ApiRouter.CONTRACT_PATH).await();
  }

  @Test
  void theFirstServerIsRelativeSoGeneratedClientsStayOnTheGatewayTheyAreGiven() {
    assertEquals("/api/v1", contract.getJsonArray("servers").getJsonObject(0).getString("url"));
  }

  @Test
  void everyOperationNamesDeclaredScopesInXScopesAndNoneOnTheSecurityRequirement() {
    JsonObject declared = contract.getJsonObject("components").getJsonObject("securitySchemes")
      .getJsonObject("bearerAuth").getJsonObject(RouterContract.SCOPES_EXTENSION);
    List<String> problems = new ArrayList<>();
    forEachOperation((where, operation) -> {
      JsonArray scopes = operation.getJsonArray(RouterContract.SCOPES_EXTENSION);
      if (scopes == null || scopes.isEmpty()) {
        problems.add(where + " has no x-scopes");
        return;
      }
      scopes.forEach(scope -> {
        if (!declared.containsKey((String) scope)) {
          problems.add(where + " requires " + scope + ", which bearerAuth's x-scopes does not declare");
        }
      });
      operation.getJsonArray("security", new JsonArray()).forEach(requirement ->
        ((JsonObject) requirement).forEach(scheme -> {
          if (!((JsonArray) scheme.getValue()).isEmpty()) {
            problems.add(where + " lists scopes on " + scheme.getKey() + "; put them in x-scopes");
          }
        }));
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void everyRequestAndResponseBodyHasAnExample() {
    JsonObject sharedResponses = contract.getJsonObject("components").getJsonObject("responses");
    List<String> problems = new ArrayList<>();
    forEachOperation((where, operation) -> {
      JsonObject body = operation.getJsonObject("requestBody");
      if (body != null) {
        checkExamples(where + " request", body.getJsonObject("content"), problems);
      }
      operation.getJsonObject("responses").forEach(entry -> {
        JsonObject response = (JsonObject) entry.getValue();
        String ref = response.getString("$ref");
        if (ref != null) {
          response = sharedResponses.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        checkExamples(where + " " + entry.getKey(), response.getJsonObject("content"), problems);
      });
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void enumsAreNamedComponentsAndNotRepeatedInline() {
    List<String> inline = new ArrayList<>();
    forEachOperation((where, operation) -> findEnums(where, operation, inline));
    contract.getJsonObject("components").getJsonObject("schemas").forEach(schema ->
      ((JsonObject) schema.getValue()).forEach(keyword -> {
        if (!"enum".equals(keyword.getKey())) {
          findEnums(schema.getKey() + "." + keyword.getKey(), keyword.getValue(), inline);
        }
      }));
    assertTrue(inline.isEmpty(), "inline enums, make them named schemas: " + inline);
  }

  private void forEachOperation(BiConsumer<String, JsonObject> check) {
    contract.getJsonObject("paths").forEach(path -> {
      JsonObject item = (JsonObject) path.getValue();
      for (String method : METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation != null) {
          check.accept(method.toUpperCase() + " " + path.getKey(), operation);
        }
      }
    });
  }

  private static void checkExamples(String where, JsonObject content, List<String> problems) {
    if (content == null) {
      return;
    }
    content.forEach(media -> {
      JsonObject type = (JsonObject) media.getValue();
      if (!type.containsKey("example") && !type.containsKey("examples")) {
        problems.add(where + " " + media.getKey() + " has no example");
      }
    });
  }

  private static void findEnums(String where, Object node, List<String> found) {
    if (node instanceof JsonObject object) {
      if (object.containsKey("enum")) {
        found.add(where);
      }
      object.forEach(entry -> {
        if (!entry.getKey().startsWith("example")) {
          findEnums(where + "." + entry.getKey(), entry.getValue(), found);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> findEnums(where, item, found));
    }
  }
}
