package io.scrapengine.vaultgateway.api.openapi;

import io.scrapengine.vaultgateway.api.ApiRouter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class RouterContractTest {

  @Test
  void theRouterCopyHasNoSchemaReferencesAndNoUnvalidatableMediaTypes(Vertx vertx) {
    JsonObject routerCopy = RouterContract.forRouter(
      io.vertx.openapi.impl.Utils.readYamlOrJson(vertx, ApiRouter.CONTRACT_PATH).await());
    String paths = routerCopy.getJsonObject("paths").encode();
    OpenAPIContract contract = RouterContract.load(vertx, ApiRouter.CONTRACT_PATH).await();

    assertFalse(paths.contains("#/components/schemas/"), "component schemas are inlined");
    assertFalse(paths.contains("application/problem+json"));
    assertFalse(paths.contains("application/merge-patch+json"));
    Operation create = contract.operation("createVaultIntegration");
    assertNotNull(create.getRequestBody().determineContentType("application/json"));
  }

  @Test
  void cyclicReferencesAreLeftAlone() {
    JsonObject node = new JsonObject().put("type", "object").put("properties",
      new JsonObject().put("child", new JsonObject().put("$ref", "#/components/schemas/Node")));
    JsonObject contract = new JsonObject()
      .put("paths", new JsonObject().put("/x", new JsonObject().put("post", new JsonObject().put("requestBody",
        new JsonObject().put("content", new JsonObject().put("application/json", new JsonObject()
          .put("schema", new JsonObject().put("$ref", "#/components/schemas/Node"))))))))
      .put("components", new JsonObject().put("schemas", new JsonObject().put("Node", node)));

    JsonObject inlined = RouterContract.inlineSchemaReferences(contract);

    JsonObject schema = inlined.getJsonObject("paths").getJsonObject("/x").getJsonObject("post")
      .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
      .getJsonObject("schema");
    assertEquals("object", schema.getString("type"));
    assertEquals("#/components/schemas/Node",
      schema.getJsonObject("properties").getJsonObject("child").getString("$ref"));
  }

  @Test
  void validatorsAreBuiltOncePerSchema(Vertx vertx) {
    OpenAPIContract contract = RouterContract.load(vertx, ApiRouter.CONTRACT_PATH).await();
    var schema = contract.operation("createVaultIntegration").getRequestBody()
      .determineContentType("application/json").getSchema();

    var first = contract.getSchemaRepository().validator(schema);

    assertSame(first, contract.getSchemaRepository().validator(schema));
    assertTrue(first.validate(new JsonObject()).getValid() == Boolean.FALSE, "and they still validate");
  }
}
