package io.scrapengine.vaultgateway.api;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.scrapengine.vaultgateway.auth.Caller;
import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyOutcome;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * {@code createVaultIntegration}: encrypt the secret_id under a fresh id, store, answer 201. With
 * {@code verify=true} the connection test runs first and a failure stops the save. With an Idempotency-Key, the
 * key is claimed first (in PostgreSQL, so across instances): only its owner creates; a repeat of the same
 * request replays the stored answer and a different request with the key is refused.
 */
final class CreateVaultIntegrationHandler implements Handler<RoutingContext> {

  static final String OPERATION_ID = "createVaultIntegration";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final NoArgGenerator IDS = Generators.timeBasedEpochGenerator();
  private static final Logger LOG = LoggerFactory.getLogger(CreateVaultIntegrationHandler.class);

  private final CryptoClient crypto;
  private final StoreClient store;
  private final VaultChecks checks;

  CreateVaultIntegrationHandler(CryptoClient crypto, StoreClient store, VaultChecks checks) {
    this.crypto = crypto;
    this.store = store;
    this.checks = checks;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Requests.caller(ctx);
    JsonObject body = Requests.validated(ctx).getBody().getJsonObject();
    JsonObject config = body.getJsonObject("config");
    Draft draft = new Draft(VaultConfigRules.settings(config), SecretValue.of(config.getString("secretId")),
      Requests.queryFlag(ctx, "verify"));
    UUID id = IDS.generate();
    String key = Requests.header(ctx, IDEMPOTENCY_KEY);
    if (key == null) {
      create(caller, body, id, draft)
        .onSuccess(integration -> {
          ctx.response().putHeader(HttpHeaders.LOCATION, location(ctx, id));
          IntegrationResponses.send(ctx, 201, integration);
        })
        .onFailure(ctx::fail);
      return;
    }
    byte[] fingerprint = RequestFingerprint.withoutSecretId(body);
    crypto.encrypt(EncryptionContext.idempotencySecretId(caller.tenantId(), id), draft.secretId())
      .compose(sealed -> store.claimIdempotencyKey(
        new IdempotencyClaim(caller.tenantId(), key, id, fingerprint, sealed)))
      .compose(record -> record.claimed()
        ? createAndRemember(ctx, caller, key, body, id, draft)
        : replayOrRefuse(ctx, caller, record, fingerprint, draft.secretId()))
      .onFailure(ctx::fail);
  }

  /** A create request's parts once checked: settings, the plaintext secret_id, and whether to test first. */
  private record Draft(VaultSettings settings, SecretValue secretId, boolean verify) {
  }

  /** Tests the Vault first when asked (a failure stops the save with 422), then encrypts and stores. */
  private Future<Integration> create(Caller caller, JsonObject body, UUID id, Draft draft) {
    Future<LastTest> verified = !draft.verify() ? Future.succeededFuture()
      : checks.run(draft.settings(), draft.secretId(), null, "path").map(result -> {
        if (!result.ok()) {
          throw ApiException.vaultCheckFailed(result.toJson().getJsonObject("error"));
        }
        return VaultChecks.lastTest(result);
      });
    return verified.compose(lastTest -> crypto.encrypt(EncryptionContext.integrationSecretId(caller.tenantId(), id),
        draft.secretId())
      .compose(ciphertext -> store.createIntegration(new NewIntegration(id, caller.tenantId(), body.getString("name"),
        body.getString("type"), body.getJsonObject("config").getString("authMethod"), draft.settings(), ciphertext,
        lastTest))));
  }

  private Future<Void> createAndRemember(RoutingContext ctx, Caller caller, String key, JsonObject body, UUID id,
                                         Draft draft) {
    return create(caller, body, id, draft)
      .recover(failure -> store.settleIdempotencyKey(IdempotencyOutcome.release(caller.tenantId(), key))
        .transform(ignored -> Future.failedFuture(failure)))
      .compose(integration -> {
        String json = IntegrationJson.of(integration).encode();
        String etag = EntityTags.of(integration);
        String location = location(ctx, id);
        // The answer does not wait for the record: if recording fails, a retry within a minute sees the key
        // in use, after that it may create again; the client already has its 201.
        store.settleIdempotencyKey(new IdempotencyOutcome(caller.tenantId(), key, 201, json, location, etag))
          .onFailure(failure -> LOG.warn("could not record the outcome of an Idempotency-Key request: {}",
            failure.getMessage()));
        ctx.response().putHeader(HttpHeaders.LOCATION, location);
        IntegrationResponses.send(ctx, 201, etag, Buffer.buffer(json));
        return Future.succeededFuture();
      });
  }

  private Future<Void> replayOrRefuse(RoutingContext ctx, Caller caller, IdempotencyRecord record,
                                      byte[] fingerprint, SecretValue secretId) {
    if (!RequestFingerprint.same(record.fingerprint(), fingerprint)) {
      return Future.failedFuture(reused());
    }
    return crypto.decrypt(EncryptionContext.idempotencySecretId(caller.tenantId(), record.requestId()),
        record.secretIdCiphertext())
      .compose(earlierSecret -> {
        if (!MessageDigest.isEqual(earlierSecret.utf8(), secretId.utf8())) {
          return Future.failedFuture(reused());
        }
        if (!record.done()) {
          return Future.failedFuture(new ApiException(ProblemCode.IDEMPOTENCY_KEY_IN_USE, IdempotencyRecord.IN_USE));
        }
        ctx.response().putHeader(HttpHeaders.LOCATION, record.responseLocation()).putHeader(REPLAYED, "true");
        IntegrationResponses.send(ctx, record.responseStatus(), record.responseEtag(),
          Buffer.buffer(record.responseBody().getBytes(StandardCharsets.UTF_8)));
        return Future.succeededFuture();
      });
  }

  private static ApiException reused() {
    return new ApiException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
      "This Idempotency-Key was already used with a different request body.");
  }

  private static String location(RoutingContext ctx, UUID id) {
    String path = ctx.normalizedPath();
    return (path.endsWith("/") ? path : path + "/") + id;
  }
}
