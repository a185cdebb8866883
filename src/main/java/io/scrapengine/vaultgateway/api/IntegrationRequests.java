package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.idempotency.IdempotencyKey;
import io.scrapengine.vaultgateway.integrations.CreateRequest;
import io.scrapengine.vaultgateway.integrations.UpdateRequest;
import io.scrapengine.vaultgateway.model.IntegrationDraft;
import io.scrapengine.vaultgateway.model.SecretIdInput;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.SettingsPatch;
import io.scrapengine.vaultgateway.model.SettingsPatch.Change;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests about integrations, read into the service's terms: the mirror of {@link IntegrationJson}. By the time
 * these run, the contract has checked every shape, so they only map.
 */
final class IntegrationRequests {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private IntegrationRequests() {
  }

  static CreateRequest create(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    return new CreateRequest(Requests.caller(ctx).tenantId(), Requests.actor(ctx), draft(body),
      Requests.queryFlag(ctx, "verify"), idempotencyKey(ctx, body));
  }

  /** The request's Idempotency-Key with the fingerprint of its body (without any secret_id), or null. */
  static IdempotencyKey idempotencyKey(RoutingContext ctx, JsonObject body) {
    String key = Requests.header(ctx, IDEMPOTENCY_KEY);
    return key == null ? null : new IdempotencyKey(key, RequestFingerprint.withoutSecretId(body));
  }

  /** A create-shaped body: name, and config with the settings and the secret_id. */
  static IntegrationDraft draft(JsonObject body) {
    JsonObject config = body.getJsonObject("config");
    VaultSettings settings = new VaultSettings(config.getString("address"), config.getString("namespace"),
      config.getString("authMount", VaultSettings.DEFAULT_AUTH_MOUNT), config.getString("roleId"),
      config.getString("caCertificate"), config.getString("tlsServerName"));
    return new IntegrationDraft(body.getString("name"), settings, secretId(config));
  }

  static UpdateRequest update(RoutingContext ctx) {
    JsonObject patch = Requests.body(ctx);
    JsonObject config = patch.getJsonObject("config", new JsonObject());
    return new UpdateRequest(Requests.integrationRef(ctx), Requests.actor(ctx),
      EntityTags.condition(Requests.header(ctx, "If-Match")),
      new SettingsPatch(patch.getString("name"), config.getString("address"), change(config, "namespace"),
        config.getString("authMount"), config.getString("roleId"), change(config, "caCertificate"),
        change(config, "tlsServerName")),
      config.containsKey("secretId") || config.containsKey("secretIdWrapToken") ? secretId(config) : null);
  }

  /** The secret_id as given, or the wrap token that holds it (the contract allows exactly one of the two). */
  private static SecretIdInput secretId(JsonObject config) {
    String wrapToken = config.getString("secretIdWrapToken");
    return wrapToken != null ? SecretIdInput.wrapped(SecretValue.of(wrapToken))
      : SecretIdInput.given(SecretValue.of(config.getString("secretId")));
  }

  private static Change change(JsonObject config, String field) {
    return config.containsKey(field) ? Change.to(config.getString(field)) : Change.UNCHANGED;
  }
}
