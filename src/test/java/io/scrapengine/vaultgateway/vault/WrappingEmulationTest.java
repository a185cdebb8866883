package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.support.vault.EmulatedNamespace;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.EmulatedWrapping.WrappedSecretId;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator answers response wrapping as Vault and OpenBao do (vault/wrapping.go, vault/logical_system.go,
 * vault/request_handling.go), and the client's lookup and unwrap calls are shaped for them.
 */
@ExtendWith(VertxExtension.class)
class WrappingEmulationTest {

  VaultEmulator vault;
  VaultClient client;
  EmulatedNamespace team;
  EmulatedRole role;

  @BeforeEach
  void start(Vertx vertx) {
    vault = VaultEmulator.start(vertx);
    AtomicReference<EmulatedRole> created = new AtomicReference<>();
    team = vault.namespace("admin/team").approle("approle", configured -> created.set(configured.name("gw")
      .roleId("role-gw")));
    role = created.get();
    client = VaultClient.create(vertx, LoopbackVault.allowed());
  }

  @AfterEach
  void stop() {
    client.close().await();
    vault.close();
  }

  VaultSettings settings(String namespace) {
    return new VaultSettings(vault.url(), namespace, "approle", "role-gw", null, null);
  }

  @Test
  void lookupDescribesTheTokenWithoutSpendingItAndUnwrapSpendsIt() {
    WrappedSecretId wrapped = vault.wrapping().wrapSecretId(team, "approle", role, Duration.ofMinutes(2));
    SecretValue token = SecretValue.of(wrapped.token());

    VaultResponse lookup = client.lookupWrapping(settings("admin/team"), token).await();
    assertEquals(200, lookup.status());
    assertEquals("auth/approle/role/gw/secret-id", lookup.data().getString("creation_path"));
    assertEquals(120, lookup.data().getInteger("creation_ttl"));
    assertEquals(200, client.lookupWrapping(settings("admin/team"), token).await().status(), "lookup is repeatable");

    VaultResponse unwrapped = client.unwrap(settings("admin/team"), token).await();
    assertEquals(200, unwrapped.status());
    assertEquals(wrapped.secretId(), unwrapped.data().getString("secret_id"));

    VaultResponse again = client.unwrap(settings("admin/team"), token).await();
    assertEquals(400, again.status());
    assertEquals(List.of("wrapping token is not valid or does not exist"), again.errors());
    assertEquals(400, client.lookupWrapping(settings("admin/team"), token).await().status());
  }

  @Test
  void theTokenIsFoundInItsOwnNamespaceWhateverNamespaceTheRequestNames() {
    WrappedSecretId wrapped = vault.wrapping().wrapSecretId(team, "approle", role, Duration.ofMinutes(2));
    assertTrue(wrapped.token().matches("hvs\\.[A-Za-z0-9]+\\.[A-Za-z0-9]+"),
      "a namespaced token carries its namespace");

    assertEquals(200, client.lookupWrapping(settings(null), SecretValue.of(wrapped.token())).await().status());
    assertEquals(wrapped.secretId(), client.unwrap(settings(null), SecretValue.of(wrapped.token())).await().data()
      .getString("secret_id"));
  }

  @Test
  void unwrapNeedsAClientTokenABodyTokenAloneIsDenied(Vertx vertx) {
    WrappedSecretId wrapped = vault.wrapping().wrapSecretId(team, "approle", role, Duration.ofMinutes(2));
    WebClient web = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> bodyOnly = web.postAbs(vault.url() + "/v1/sys/wrapping/unwrap")
        .sendJsonObject(new JsonObject().put("token", wrapped.token())).await();
      assertEquals(403, bodyOnly.statusCode());
      assertEquals("permission denied", bodyOnly.bodyAsJsonObject().getJsonArray("errors").getString(0));

      // a third party with a token of its own may unwrap a token it names in the body
      role.secretId("s-login");
      String clientToken = web.postAbs(vault.url() + "/v1/auth/approle/login")
        .putHeader("X-Vault-Namespace", "admin/team")
        .sendJsonObject(new JsonObject().put("role_id", "role-gw").put("secret_id", "s-login")).await()
        .bodyAsJsonObject().getJsonObject("auth").getString("client_token");
      HttpResponse<Buffer> thirdParty = web.postAbs(vault.url() + "/v1/sys/wrapping/unwrap")
        .putHeader("X-Vault-Token", clientToken).putHeader("X-Vault-Namespace", "admin/team")
        .sendJsonObject(new JsonObject().put("token", wrapped.token())).await();
      assertEquals(200, thirdParty.statusCode(), thirdParty.bodyAsString());
      assertTrue(vault.wrapping().spent(wrapped.token()));

      HttpResponse<Buffer> empty = web.postAbs(vault.url() + "/v1/sys/wrapping/lookup").sendJsonObject(new JsonObject())
        .await();
      assertEquals(403, empty.statusCode());
    } finally {
      web.close();
    }
  }

  @Test
  void aTokenPastItsTtlIsInvalid() {
    WrappedSecretId wrapped = vault.wrapping().wrapSecretId(team, "approle", role, Duration.ofSeconds(30));
    vault.advanceClock(Duration.ofSeconds(30));

    VaultResponse lookup = client.lookupWrapping(settings("admin/team"), SecretValue.of(wrapped.token())).await();

    assertEquals(400, lookup.status());
    assertEquals(List.of("wrapping token is not valid or does not exist"), lookup.errors());
  }

  @Test
  void theUnwrapperRefusesAWrongPathBeforeSpendingAndAnswersTheSecretOtherwise() {
    SecretIdUnwrapper unwrapper = SecretIdUnwrapper.create(client);
    String kv = vault.wrapping().wrap(team, "kv/app", new JsonObject().put("secret_id", "s-kv"), Duration.ofMinutes(1));
    WrappedSecretId wrapped = vault.wrapping().wrapSecretId(team, "approle", role, Duration.ofMinutes(2));

    Throwable refused = assertFailed(unwrapper.unwrap(settings("admin/team"), SecretValue.of(kv)));
    assertTrue(refused.getMessage().startsWith("WRAP_TOKEN_UNEXPECTED"), refused.getMessage());
    assertTrue(!vault.wrapping().spent(kv));
    assertEquals(wrapped.secretId(), unwrapper.unwrap(settings("admin/team"), SecretValue.of(wrapped.token())).await()
      .reveal());
    Throwable spent = assertFailed(unwrapper.unwrap(settings("admin/team"), SecretValue.of(wrapped.token())));
    assertTrue(spent.getMessage().startsWith("WRAP_TOKEN_INVALID") && !spent.getMessage().contains(wrapped.token()),
      spent.getMessage());
  }

  private static Throwable assertFailed(io.vertx.core.Future<?> future) {
    try {
      future.await();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
