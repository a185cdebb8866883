package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.model.SecretValue;

/** What the crypto verticle is asked and answers, over the local event bus. */
public final class CryptoMessages {

  public static final String ENCRYPT = "vault-gateway.crypto.encrypt";
  public static final String DECRYPT = "vault-gateway.crypto.decrypt";
  public static final String PROBE = "vault-gateway.crypto.probe";

  private CryptoMessages() {
  }

  public record Encrypt(EncryptionContext context, SecretValue secret) implements BusMessage {
  }

  public record Decrypt(EncryptionContext context, byte[] ciphertext) implements BusMessage {
  }

  public record Ciphertext(byte[] bytes) implements BusMessage {
  }

  /** Asks whether the keyset is loaded and round-trips. */
  public record Probe() implements BusMessage {
  }

  public record ProbeResult(boolean healthy) implements BusMessage {
  }
}
