package io.scrapengine.vaultgateway.domain;

/**
 * What went wrong with a customer's Vault: a stable code, a message (Vault's own words, cleaned of secrets, where
 * it had some) and one sentence of advice. Safe to show the customer and to log.
 *
 * @param timedOut whether the Vault did not answer in time (rather than refusing or failing)
 */
public record VaultProblem(VaultErrorCode code, String message, String hint, boolean timedOut) {

  public VaultProblem(VaultErrorCode code, String message, String hint) {
    this(code, message, hint, false);
  }
}
