package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.vertx.core.Future;

/** The HTTP side's view of the crypto verticle. */
public final class CryptoClient {

  private final BusClient bus;

  public CryptoClient(BusClient bus) {
    this.bus = bus;
  }

  public Future<byte[]> encrypt(EncryptionContext context, SecretValue secret) {
    return bus.<CryptoMessages.Ciphertext>request(CryptoMessages.ENCRYPT, new CryptoMessages.Encrypt(context, secret))
      .map(CryptoMessages.Ciphertext::bytes);
  }

  public Future<SecretValue> decrypt(EncryptionContext context, byte[] ciphertext) {
    return bus.request(CryptoMessages.DECRYPT, new CryptoMessages.Decrypt(context, ciphertext));
  }

  public Future<Boolean> probe() {
    return bus.<CryptoMessages.ProbeResult>request(CryptoMessages.PROBE, new CryptoMessages.Probe())
      .map(CryptoMessages.ProbeResult::healthy);
  }
}
