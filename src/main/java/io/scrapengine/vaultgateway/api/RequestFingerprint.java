package io.scrapengine.vaultgateway.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.TreeSet;

/**
 * SHA-256 of a create request in canonical form (keys sorted, so key order does not matter), without its
 * secretId or secretIdWrapToken: a digest of a guessable secret could be brute-forced from the database, so the
 * secret (or the wrap token standing for it) is compared separately, through its ciphertext.
 */
final class RequestFingerprint {

  private RequestFingerprint() {
  }

  static byte[] withoutSecretId(JsonObject createRequest) {
    JsonObject copy = createRequest.copy();
    JsonObject config = copy.getJsonObject("config");
    if (config != null) {
      config.remove("secretId");
      config.remove("secretIdWrapToken");
    }
    try {
      return MessageDigest.getInstance("SHA-256")
        .digest(((JsonObject) canonical(copy)).encode().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private static Object canonical(Object value) {
    if (value instanceof JsonObject object) {
      JsonObject sorted = new JsonObject();
      for (String key : new TreeSet<>(object.fieldNames())) {
        sorted.put(key, canonical(object.getValue(key)));
      }
      return sorted;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(canonical(item)));
      return copy;
    }
    return value;
  }
}
