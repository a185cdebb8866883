package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** Addresses of the persistence verticle. Requests are the model records themselves. */
final class StoreMessages {

  static final String CREATE_INTEGRATION = "vault-gateway.store.integrations.create";
  static final String CREATE_INTEGRATION_COMPLETING_KEY = "vault-gateway.store.integrations.create-completing-key";
  static final String GET_INTEGRATION = "vault-gateway.store.integrations.get";
  static final String GET_SEALED_INTEGRATION = "vault-gateway.store.integrations.get-sealed";
  static final String LIST_INTEGRATIONS = "vault-gateway.store.integrations.list";
  static final String UPDATE_INTEGRATION = "vault-gateway.store.integrations.update";
  static final String DELETE_INTEGRATION = "vault-gateway.store.integrations.delete";
  static final String RECORD_TEST = "vault-gateway.store.integrations.record-test";
  static final String CLAIM_IDEMPOTENCY_KEY = "vault-gateway.store.idempotency.claim";
  static final String RELEASE_IDEMPOTENCY_KEY = "vault-gateway.store.idempotency.release";
  static final String RECORD_LOGIN_REFUSAL = "vault-gateway.store.integrations.record-login-refusal";
  static final String CREATE_CREDENTIAL = "vault-gateway.store.credentials.create";
  static final String CREATE_CREDENTIAL_COMPLETING_KEY = "vault-gateway.store.credentials.create-completing-key";
  static final String GET_CREDENTIAL = "vault-gateway.store.credentials.get";
  static final String GET_RESOLVE_TARGET = "vault-gateway.store.credentials.get-resolve-target";
  static final String LIST_CREDENTIALS = "vault-gateway.store.credentials.list";
  static final String UPDATE_CREDENTIAL = "vault-gateway.store.credentials.update";
  static final String DELETE_CREDENTIAL = "vault-gateway.store.credentials.delete";
  static final String APPEND_AUDIT_EVENT = "vault-gateway.store.audit.append";
  static final String LIST_AUDIT_EVENTS = "vault-gateway.store.audit.list";
  static final String PING = "vault-gateway.store.ping";

  private StoreMessages() {
  }

  enum Ping implements BusMessage {
    INSTANCE
  }
}
