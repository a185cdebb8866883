package io.scrapengine.vaultgateway.vault;

/**
 * A call to a customer's Vault that produced no usable HTTP answer: refused by the address guard, unreachable,
 * TLS failure, redirect, oversized or unreadable answer. The message is written by us (never a raw body) and
 * carries no token or secret_id; it names the host at most.
 */
public final class VaultCallException extends RuntimeException {

  private final CheckErrorCode code;
  private final String hint;

  public VaultCallException(CheckErrorCode code, String message, String hint) {
    super(message, null, false, false);
    this.code = code;
    this.hint = hint;
  }

  public CheckErrorCode code() {
    return code;
  }

  public String hint() {
    return hint;
  }
}
