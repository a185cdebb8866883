package io.scrapengine.vaultgateway.support.vault;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * An answer of one of the emulator's separate engines ({@link EmulatedTransit}, {@link EmulatedWrapping}): a status
 * and a JSON body shaped as Vault shapes them (http/logical.go respondLogical: the response envelope, or
 * {@code {"errors": [...]}}).
 */
record EmulatedReply(int status, JsonObject body) {

  static EmulatedReply data(JsonObject data) {
    return new EmulatedReply(200, envelope(data));
  }

  static EmulatedReply errors(int status, String... messages) {
    return new EmulatedReply(status, new JsonObject().put("errors", new JsonArray(List.of((Object[]) messages))));
  }

  /** The envelope of a successful logical response (sdk/logical/response.go, LogicalResponseToHTTPResponse). */
  static JsonObject envelope(JsonObject data) {
    return new JsonObject()
      .put("request_id", UUID.randomUUID().toString())
      .put("lease_id", "")
      .put("renewable", false)
      .put("lease_duration", 0)
      .put("data", data)
      .put("wrap_info", null)
      .put("warnings", null)
      .put("auth", null)
      .put("mount_type", "");
  }
}
