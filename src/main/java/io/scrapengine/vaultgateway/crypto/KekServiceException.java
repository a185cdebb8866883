package io.scrapengine.vaultgateway.crypto;

import java.security.GeneralSecurityException;

/**
 * What the service behind a key-encryption key (a Vault Transit key, later a cloud KMS) answered when it could not
 * be reached, refused the login, or refused the operation. The message says why in the operator's terms and holds
 * no secret; start-up and the commands add it to their own message.
 */
public final class KekServiceException extends GeneralSecurityException {

  public KekServiceException(String message) {
    super(message);
  }
}
