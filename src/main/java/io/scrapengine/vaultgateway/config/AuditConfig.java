package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/** How long audit events are kept before the background purge removes them. */
public record AuditConfig(int retentionDays) {

  public static final int DEFAULT_RETENTION_DAYS = 90;

  static AuditConfig from(JsonObject json) {
    return new AuditConfig(JsonValues.integer(json, "retentionDays", DEFAULT_RETENTION_DAYS, 1, 36_500));
  }
}
