package io.scrapengine.vaultgateway.api.openapi;

import io.scrapengine.vaultgateway.api.ApiRouter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

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
  void theRouterCopyHasAnAbsoluteServerUrlAndTheScopesInItsSecurityRequirements(Vertx vertx) {
    JsonObject published = io.vertx.openapi.impl.Utils.readYamlOrJson(vertx, ApiRouter.CONTRACT_PATH).await();
    assertEquals("/api/v1", published.getJsonArray("servers").getJsonObject(0).getString("url"),
      "the published contract's first server is relative, so generated clients stay on the gateway they call");

    OpenAPIContract contract = RouterContract.load(vertx, ApiRouter.CONTRACT_PATH).await();

    assertEquals("/api/v1", contract.getServers().get(0).getBasePath());
    assertEquals(List.of("vault-integrations:write"),
      contract.operation("createVaultIntegration").getSecurityRequirements().get(0).getScopes("bearerAuth"));
    assertEquals(List.of("vault-integrations:read"),
      contract.operation("listVaultIntegrations").getSecurityRequirements().get(0).getScopes("bearerAuth"));
  }

  @Test
  void scopesGoIntoTheDefaultSecurityWhenTheOperationHasNone() {
    JsonObject contract = new JsonObject()
      .put("security", new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())))
      .put("paths", new JsonObject().put("/x", new JsonObject().put("get", new JsonObject()
        .put("x-scopes", new JsonArray().add("things:read")))));

    JsonObject copy = RouterContract.forRouter(contract);

    assertEquals(new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray().add("things:read"))),
      copy.getJsonObject("paths").getJsonObject("/x").getJsonObject("get").getJsonArray("security"));
    assertEquals(new JsonArray(), contract.getJsonArray("security").getJsonObject(0).getJsonArray("bearerAuth"),
      "the default requirement itself is left as it was");
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
