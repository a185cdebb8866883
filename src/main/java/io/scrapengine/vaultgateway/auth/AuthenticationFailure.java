package io.scrapengine.vaultgateway.auth;

/** Why a bearer token was refused; the message is written for the client and names no key or token content. */
public final class AuthenticationFailure extends RuntimeException {

  public AuthenticationFailure(String publicReason) {
    super(publicReason, null, false, false);
  }
}
