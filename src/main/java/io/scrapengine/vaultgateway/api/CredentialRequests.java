package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.credentials.CredentialCreateRequest;
import io.scrapengine.vaultgateway.credentials.CredentialDraft;
import io.scrapengine.vaultgateway.credentials.CredentialUpdateRequest;
import io.scrapengine.vaultgateway.model.CredentialPatch;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Requests about credentials, read into the service's terms: the mirror of {@link CredentialJson}. */
final class CredentialRequests {

  private CredentialRequests() {
  }

  static CredentialCreateRequest create(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    CredentialDraft draft = new CredentialDraft(body.getString("name"), UUID.fromString(body.getString("integrationId")),
      body.getString("path"), fields(body.getJsonObject("fields")), body.getInteger("kvVersion"),
      body.getInteger("secretVersion"));
    return new CredentialCreateRequest(Requests.caller(ctx).tenantId(), Requests.actor(ctx), draft,
      IntegrationRequests.idempotencyKey(ctx, body));
  }

  static CredentialUpdateRequest update(RoutingContext ctx) {
    JsonObject patch = Requests.body(ctx);
    String integrationId = patch.getString("integrationId");
    return new CredentialUpdateRequest(Requests.credentialRef(ctx), Requests.actor(ctx),
      EntityTags.condition(Requests.header(ctx, "If-Match")),
      new CredentialPatch(patch.getString("name"), integrationId == null ? null : UUID.fromString(integrationId),
        patch.getString("path"), fields(patch.getJsonObject("fields")), pin(patch, "kvVersion"),
        pin(patch, "secretVersion")));
  }

  /** The mapping in the client's order, or null when the request has none. */
  private static Map<String, String> fields(JsonObject fields) {
    if (fields == null) {
      return null;
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    fields.forEach(entry -> mapping.put(entry.getKey(), (String) entry.getValue()));
    return mapping;
  }

  private static CredentialPatch.Pin pin(JsonObject patch, String field) {
    return patch.containsKey(field) ? CredentialPatch.Pin.to(patch.getInteger(field)) : CredentialPatch.Pin.UNCHANGED;
  }
}
