package io.scrapengine.vaultgateway.api;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.scrapengine.vaultgateway.auth.Caller;
import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.List;
import java.util.UUID;

/** {@code createVaultIntegration}: encrypt the secret_id under a fresh id, store, answer 201. */
final class CreateVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "createVaultIntegration";
  private static final NoArgGenerator IDS = Generators.timeBasedEpochGenerator();

  private final CryptoClient crypto;
  private final StoreClient store;

  CreateVaultIntegrationHandler(CryptoClient crypto, StoreClient store) {
    this.crypto = crypto;
    this.store = store;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.CONTEXT_KEY);
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    JsonObject body = request.getBody().getJsonObject();
    JsonObject config = body.getJsonObject("config");
    String address = config.getString("address");
    var addressProblem = VaultAddressRule.violation(address);
    if (addressProblem.isPresent()) {
      ctx.fail(ApiException.validation(List.of(new FieldError("config.address", addressProblem.get()))));
      return;
    }
    UUID id = IDS.generate();
    SecretValue secretId = SecretValue.of(config.getString("secretId"));
    crypto.encrypt(EncryptionContext.integrationSecretId(caller.tenantId(), id), secretId)
      .compose(ciphertext -> store.createIntegration(new NewIntegration(id, caller.tenantId(), body.getString("name"),
        body.getString("type"), address, config.getString("namespace"), config.getString("authMethod"),
        config.getString("roleId"), ciphertext)))
      .onSuccess(integration -> ctx.response()
        .setStatusCode(201)
        .putHeader(HttpHeaders.LOCATION, locationOf(ctx, id))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(IntegrationJson.of(integration).toBuffer()))
      .onFailure(ctx::fail);
  }

  private static String locationOf(RoutingContext ctx, UUID id) {
    String path = ctx.normalizedPath();
    return (path.endsWith("/") ? path : path + "/") + id;
  }
}
