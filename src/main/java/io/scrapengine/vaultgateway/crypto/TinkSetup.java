package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.aead.AeadConfig;

import java.security.GeneralSecurityException;

final class TinkSetup {

  private static volatile boolean registered;

  private TinkSetup() {
  }

  static void register() throws GeneralSecurityException {
    if (!registered) {
      AeadConfig.register();
      registered = true;
    }
  }
}
