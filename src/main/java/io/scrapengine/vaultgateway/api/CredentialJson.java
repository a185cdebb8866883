package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.credentials.Resolution;
import io.scrapengine.vaultgateway.model.Credential;
import io.vertx.core.json.JsonObject;

import java.time.format.DateTimeFormatter;

/** The public representations of a credential and of a resolved credential, built field by field. */
final class CredentialJson {

  private CredentialJson() {
  }

  static JsonObject of(Credential credential) {
    JsonObject fields = new JsonObject();
    credential.fields().forEach(fields::put);
    return new JsonObject()
      .put("id", credential.id().toString())
      .put("name", credential.name())
      .put("integrationId", credential.integrationId().toString())
      .put("path", credential.path())
      .put("fields", fields)
      .put("kvVersion", credential.kvVersion())
      .put("secretVersion", credential.secretVersion())
      .put("createdAt", DateTimeFormatter.ISO_INSTANT.format(credential.createdAt()))
      .put("updatedAt", DateTimeFormatter.ISO_INSTANT.format(credential.updatedAt()));
  }

  static JsonObject of(Resolution resolution) {
    JsonObject values = new JsonObject();
    resolution.values().forEach(values::put);
    Resolution.Source source = resolution.source();
    return new JsonObject()
      .put("credentialId", resolution.credentialId().toString())
      .put("values", values)
      .put("source", new JsonObject()
        .put("integrationId", source.integrationId().toString())
        .put("mount", source.mount())
        .put("path", source.path())
        .put("kvVersion", source.kvVersion())
        .put("secretVersion", source.secretVersion()))
      .put("resolvedAt", DateTimeFormatter.ISO_INSTANT.format(resolution.resolvedAt()));
  }
}
