package io.scrapengine.vaultgateway.store;

/** Addresses of the persistence verticle's key-management operations. Requests are the model records. */
final class KeysetMessages {

  static final String LATEST = "vault-gateway.store.keysets.latest";
  static final String INSERT = "vault-gateway.store.keysets.insert";
  static final String HEARTBEAT = "vault-gateway.store.keysets.heartbeat";
  static final String GONE = "vault-gateway.store.keysets.instance-gone";
  static final String LIVE_INSTANCES = "vault-gateway.store.keysets.live-instances";
  static final String KEY_USAGE = "vault-gateway.store.keysets.key-usage";
  static final String KEY_IDS_IN_USE = "vault-gateway.store.keysets.key-ids-in-use";
  static final String CIPHERTEXT_PAGE = "vault-gateway.store.ciphertexts.page";
  static final String REPLACE_CIPHERTEXTS = "vault-gateway.store.ciphertexts.replace";

  private KeysetMessages() {
  }
}
