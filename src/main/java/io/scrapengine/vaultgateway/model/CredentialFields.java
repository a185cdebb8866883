package io.scrapengine.vaultgateway.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A credential's field mapping: answer name to key inside the secret, in a stable order. */
public final class CredentialFields {

  /** What a credential maps when it says nothing: a login's two usual fields. */
  public static final Map<String, String> DEFAULT = copyOf(Map.of("username", "username", "password", "password"));

  private CredentialFields() {
  }

  /** An unmodifiable copy that keeps the given order (a LinkedHashMap's), or name order for other maps. */
  public static Map<String, String> copyOf(Map<String, String> fields) {
    if (fields instanceof LinkedHashMap<String, String> ordered) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(ordered));
    }
    Map<String, String> sorted = new LinkedHashMap<>();
    fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
      .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return Collections.unmodifiableMap(sorted);
  }
}
