package io.scrapengine.vaultgateway.vault;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A complete answer from Vault: status and the body as JSON (null when empty or not a JSON object;
 * {@code unreadable} tells the latter). Vault reports
 * failures as {@code {"errors": [...]}} and hints (e.g. a KV v1 path on a v2 mount) as {@code warnings}. Its
 * {@code toString} shows the status only: bodies may carry tokens and secrets.
 */
public record VaultResponse(int status, JsonObject body, boolean unreadable) {

  static VaultResponse of(int status, Buffer raw) {
    if (raw.length() == 0) {
      return new VaultResponse(status, null, false);
    }
    try {
      Object parsed = raw.toJsonValue();
      return parsed instanceof JsonObject object ? new VaultResponse(status, object, false)
        : new VaultResponse(status, null, true);
    } catch (DecodeException e) {
      return new VaultResponse(status, null, true);
    }
  }

  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /** {@code data} of the body, or null. */
  public JsonObject data() {
    return body == null ? null : body.getValue("data") instanceof JsonObject data ? data : null;
  }

  /** {@code auth} of the body, or null. */
  public JsonObject auth() {
    return body == null ? null : body.getValue("auth") instanceof JsonObject auth ? auth : null;
  }

  /** The strings of {@code errors}; empty when absent. */
  public List<String> errors() {
    return strings("errors");
  }

  /** The strings of {@code warnings}; empty when absent. */
  public List<String> warnings() {
    return strings("warnings");
  }

  private List<String> strings(String key) {
    List<String> result = new ArrayList<>();
    if (body != null && body.getValue(key) instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String text) {
          result.add(text);
        }
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return "VaultResponse[status=" + status + "]";
  }
}
