package io.scrapengine.vaultgateway.api;

import io.scrapengine.client.ApiClient;
import io.scrapengine.client.ApiException;
import io.scrapengine.client.ApiResponse;
import io.scrapengine.client.api.VaultIntegrationsApi;
import io.scrapengine.client.model.AuthMethod;
import io.scrapengine.client.model.BackendType;
import io.scrapengine.client.model.CheckErrorCode;
import io.scrapengine.client.model.ConnectionTestRequest;
import io.scrapengine.client.model.ConnectionTestResult;
import io.scrapengine.client.model.CreateVaultIntegrationRequest;
import io.scrapengine.client.model.HashicorpVaultConfig;
import io.scrapengine.client.model.HashicorpVaultConfigPatch;
import io.scrapengine.client.model.UpdateVaultIntegrationRequest;
import io.scrapengine.client.model.VaultIntegration;
import io.scrapengine.client.model.VaultIntegrationList;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client the build generates from schemas/openapi.yaml (openapi-generator, native library), driving a
 * live gateway the way a customer's code would: the contract is only as good as the client it produces.
 */
class GeneratedClientTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject()
    .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS)));

  private static final String ROLE_ID = "role-generated-client";
  private static VaultEmulator vault;
  private static String secretId;
  private static VaultIntegrationsApi api;

  @BeforeAll
  static void connect() {
    secretId = "s.generated-" + UUID.randomUUID();
    vault = VaultEmulator.start(ENV.vertx());
    vault.approle("approle", role -> role.roleId(ROLE_ID).secretId(secretId).policies("reader"))
      .policy("reader", "secret/data/app/*", "read")
      .kv2("secret").put("app/site", Map.of("password", "site-password"));

    String token = ENV.gateway().token("tenant-generated-" + UUID.randomUUID(), TestGateway.WRITE);
    ApiClient client = new ApiClient();
    // the contract's first server is relative (/api/v1): the client keeps that path on the host it is given
    client.setScheme("http").setHost("127.0.0.1").setPort(ENV.gateway().port());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    api = new VaultIntegrationsApi(client);
  }

  @AfterAll
  static void stopVault() {
    vault.close();
  }

  private static CreateVaultIntegrationRequest integration(String name) {
    return new CreateVaultIntegrationRequest()
      .name(name)
      .type(BackendType.HASHICORP)
      .config(new HashicorpVaultConfig()
        .address(vault.url())
        .authMethod(AuthMethod.APPROLE)
        .roleId(ROLE_ID)
        .secretId(secretId));
  }

  @Test
  void createGetListPatchTestAndDeleteThroughTheGeneratedClient() throws ApiException {
    String prefix = "generated-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    ApiResponse<VaultIntegration> created = api.createVaultIntegrationWithHttpInfo(integration(prefix + "a"), null,
      null);
    assertEquals(201, created.getStatusCode());
    VaultIntegration first = created.getData();
    assertEquals(BackendType.HASHICORP, first.getType());
    assertEquals(AuthMethod.APPROLE, first.getAuthMethod());
    assertNull(first.getLastTest());
    String etag = created.getHeaders().get("etag").get(0);

    assertEquals(first, api.getVaultIntegration(first.getId()));

    api.createVaultIntegration(integration(prefix + "b"), null, null);
    api.createVaultIntegration(integration(prefix + "c"), null, null);
    List<String> names = new ArrayList<>();
    VaultIntegrationList page = api.listVaultIntegrations(2, null, null);
    int pages = 0;
    while (true) {
      pages++;
      page.getData().stream().map(VaultIntegration::getName).filter(name -> name.startsWith(prefix))
        .forEach(names::add);
      if (page.getNextCursor() == null) {
        break;
      }
      page = api.listVaultIntegrations(2, page.getNextCursor(), null);
    }
    assertEquals(List.of(prefix + "c", prefix + "b", prefix + "a"), names, "newest first, none repeated");
    assertTrue(pages >= 2, "paged");

    VaultIntegration renamed = api.updateVaultIntegration(first.getId(),
      new UpdateVaultIntegrationRequest().name(prefix + "renamed")
        .config(new HashicorpVaultConfigPatch().secretId(secretId)), etag);
    assertEquals(prefix + "renamed", renamed.getName());

    ApiException stale = assertThrows(ApiException.class, () -> api.updateVaultIntegration(first.getId(),
      new UpdateVaultIntegrationRequest().name(prefix + "again"), etag));
    assertEquals(412, stale.getCode());
    assertTrue(stale.getResponseBody().contains("PRECONDITION_FAILED"), stale.getResponseBody());

    ApiException taken = assertThrows(ApiException.class,
      () -> api.createVaultIntegration(integration(prefix + "b"), null, null));
    assertEquals(409, taken.getCode());
    assertTrue(taken.getResponseBody().contains("CONFLICT"), taken.getResponseBody());

    ConnectionTestResult passed = api.testVaultIntegration(first.getId(),
      new ConnectionTestRequest().path("secret/data/app/site"));
    assertTrue(passed.getOk(), String.valueOf(passed));
    assertNull(passed.getError());
    assertNotNull(passed.getToken());

    CreateVaultIntegrationRequest wrongSecret = integration(prefix + "unsaved");
    wrongSecret.getConfig().secretId("s.wrong");
    ConnectionTestResult failed = api.testUnsavedVaultIntegration(wrongSecret, null);
    assertFalse(failed.getOk());
    assertEquals(CheckErrorCode.AUTH_INVALID_CREDENTIALS, failed.getError().getCode());

    api.deleteVaultIntegration(first.getId(), null);
    ApiException gone = assertThrows(ApiException.class, () -> api.getVaultIntegration(first.getId()));
    assertEquals(404, gone.getCode());
  }
}
