package io.scrapengine.vaultgateway.support;

import io.vertx.core.json.JsonObject;

/** Request bodies for tests, starting from the API page's example. */
public final class Integrations {

  public static final String EXAMPLE_SECRET_ID = "s.xxxxxxxxxxxxxxxxxxxxxxxx";

  private Integrations() {
  }

  /** The example request of the public API page. */
  public static JsonObject example() {
    return new JsonObject()
      .put("name", "prod-vault")
      .put("type", "hashicorp")
      .put("config", new JsonObject()
        .put("address", "https://vault.prod.example.com:8200")
        .put("namespace", "admin/scrapengine")
        .put("authMethod", "approle")
        .put("roleId", "8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11")
        .put("secretId", EXAMPLE_SECRET_ID));
  }

  public static JsonObject named(String name) {
    return example().put("name", name);
  }

  public static JsonObject withSecret(String name, String secretId) {
    JsonObject body = named(name);
    body.getJsonObject("config").put("secretId", secretId);
    return body;
  }

  /** An integration of the AppRole {@code roleId} at a Vault without namespaces (the tests' emulator on loopback). */
  public static JsonObject atVault(String name, String address, String roleId, String secretId) {
    JsonObject body = withSecret(name, secretId);
    body.getJsonObject("config").put("address", address).put("roleId", roleId).remove("namespace");
    return body;
  }
}
