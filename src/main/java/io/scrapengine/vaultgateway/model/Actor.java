package io.scrapengine.vaultgateway.model;

/**
 * Who asked for an action, for the audit trail: the API key's subject ({@code sub}) and the request's id. The
 * gateway's own work (renewing a session) is {@link #GATEWAY}.
 */
public record Actor(String subject, String requestId) {

  public static final Actor GATEWAY = new Actor("vault-gateway", null);
}
