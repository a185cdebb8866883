package io.scrapengine.vaultgateway.bus;

/**
 * A failure of the persistence or crypto side, as the HTTP side sees it. The message is safe to show a client:
 * verticles put internal detail in their own logs, never here.
 */
public class ServiceException extends RuntimeException {

  private final FailureKind kind;

  public ServiceException(FailureKind kind, String publicMessage) {
    super(publicMessage, null, false, false);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
