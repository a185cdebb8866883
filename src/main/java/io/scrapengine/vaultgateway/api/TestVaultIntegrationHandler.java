package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.TestRecord;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code testVaultIntegration}: unseal the stored secret_id, run the connection test, keep the outcome as the
 * integration's lastTest, and answer 200 with the result whether it passed or not.
 */
final class TestVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "testVaultIntegration";
  private static final Logger LOG = LoggerFactory.getLogger(TestVaultIntegrationHandler.class);

  private final CryptoClient crypto;
  private final StoreClient store;
  private final VaultChecks checks;

  TestVaultIntegrationHandler(CryptoClient crypto, StoreClient store, VaultChecks checks) {
    this.crypto = crypto;
    this.store = store;
    this.checks = checks;
  }

  @Override
  public void handle(RoutingContext ctx) {
    IntegrationRef ref = Requests.integrationRef(ctx);
    RequestParameter body = Requests.validated(ctx).getBody();
    String path = body == null || body.isNull() ? null : body.getJsonObject().getString("path");
    store.getSealedIntegration(ref)
      .compose(sealed -> crypto.decrypt(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()),
          sealed.secretIdCiphertext())
        .compose(secretId -> checks.run(sealed.integration().vault(), secretId, path, "path")))
      .onSuccess(result -> {
        store.recordTest(new TestRecord(ref, VaultChecks.lastTest(result)))
          .onFailure(failure -> LOG.warn("could not keep the outcome of a connection test: {}",
            failure.getMessage()));
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, IntegrationResponses.JSON)
          .end(result.toJson().toBuffer());
      })
      .onFailure(ctx::fail);
  }

}
