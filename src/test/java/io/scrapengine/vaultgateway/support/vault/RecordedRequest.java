package io.scrapengine.vaultgateway.support.vault;

import io.vertx.core.MultiMap;

/** One request the emulator received, as it arrived: method, raw URI, headers, body, listener, and when. */
public record RecordedRequest(String method, String uri, MultiMap headers, String body, boolean tls,
                              long receivedAtMs) {

  public String header(String name) {
    return headers.get(name);
  }

  /** The X-Vault-Namespace header, or null. */
  public String namespace() {
    return headers.get("X-Vault-Namespace");
  }

  public boolean hasToken() {
    return headers.contains("X-Vault-Token");
  }

  /** The path without the query string. */
  public String path() {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  @Override
  public String toString() {
    return method + " " + path() + (namespace() == null ? "" : " [ns " + namespace() + "]");
  }
}
