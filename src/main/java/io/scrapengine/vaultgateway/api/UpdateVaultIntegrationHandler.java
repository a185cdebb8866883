package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;


/**
 * {@code updateVaultIntegration}: applies a JSON merge patch. A new secretId is a rotation: it is encrypted
 * under the keyset's current primary key and replaces the old ciphertext in the same statement.
 */
final class UpdateVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "updateVaultIntegration";

  private final CryptoClient crypto;
  private final StoreClient store;

  UpdateVaultIntegrationHandler(CryptoClient crypto, StoreClient store) {
    this.crypto = crypto;
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    IntegrationRef ref = Requests.integrationRef(ctx);
    JsonObject patch = Requests.validated(ctx).getBody().getJsonObject();
    JsonObject config = patch.getJsonObject("config", new JsonObject());
    VaultConfigRules.requireValid(config);
    String secretId = config.getString("secretId");
    Future<byte[]> sealed = secretId == null ? Future.succeededFuture()
      : crypto.encrypt(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()), SecretValue.of(secretId));
    sealed
      .compose(ciphertext -> store.updateIntegration(new IntegrationChanges(ref,
        EntityTags.condition(Requests.header(ctx, "If-Match")), patch.getString("name"), config.getString("address"),
        nullable(config, "namespace"), config.getString("authMount"), config.getString("roleId"),
        nullable(config, "caCertificate"), nullable(config, "tlsServerName"), ciphertext)))
      .onSuccess(integration -> IntegrationResponses.send(ctx, 200, integration))
      .onFailure(ctx::fail);
  }

  private static IntegrationChanges.Nullable nullable(JsonObject config, String field) {
    return config.containsKey(field) ? IntegrationChanges.Nullable.to(config.getString(field))
      : IntegrationChanges.Nullable.UNCHANGED;
  }
}
