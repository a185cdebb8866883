package io.scrapengine.vaultgateway.crypto;

import io.scrapengine.vaultgateway.bus.FailureKind;
import io.scrapengine.vaultgateway.bus.Replies;
import io.scrapengine.vaultgateway.bus.ServiceException;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Owns the keyset. Encrypting a secret_id-sized value takes microseconds, so it runs on the event loop; nothing
 * else in the service holds a key.
 */
public final class CryptoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CryptoVerticle.class);
  private static final EncryptionContext PROBE_CONTEXT =
    new EncryptionContext("health-probe", "-", new UUID(0, 0));

  private final SecretCipher cipher;

  public CryptoVerticle(SecretCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    return Future.all(
      bus.<CryptoMessages.Encrypt>localConsumer(CryptoMessages.ENCRYPT, this::encrypt).completion(),
      bus.<CryptoMessages.Decrypt>localConsumer(CryptoMessages.DECRYPT, this::decrypt).completion(),
      bus.<CryptoMessages.Probe>localConsumer(CryptoMessages.PROBE, this::probe).completion());
  }

  private void encrypt(Message<CryptoMessages.Encrypt> message) {
    CryptoMessages.Encrypt request = message.body();
    Replies.replyWith(message, attempt(() ->
      new CryptoMessages.Ciphertext(cipher.encrypt(request.context(), request.secret()))));
  }

  private void decrypt(Message<CryptoMessages.Decrypt> message) {
    CryptoMessages.Decrypt request = message.body();
    try {
      Replies.replyWith(message, Future.succeededFuture(cipher.decrypt(request.context(), request.ciphertext())));
    } catch (GeneralSecurityException e) {
      // tampered, moved to another context, or made under a retired key: the caller decides what that means
      Replies.replyWith(message, Future.failedFuture(new ServiceException(FailureKind.UNDECRYPTABLE,
        "The ciphertext does not decrypt in this context.")));
    }
  }

  private void probe(Message<CryptoMessages.Probe> message) {
    Replies.replyWith(message, attempt(() -> {
      SecretValue probe = SecretValue.of(UUID.randomUUID().toString());
      byte[] sealed = cipher.encrypt(PROBE_CONTEXT, probe);
      boolean healthy = cipher.decrypt(PROBE_CONTEXT, sealed).reveal().equals(probe.reveal());
      return new CryptoMessages.ProbeResult(healthy);
    }));
  }

  private static <T> Future<T> attempt(CryptoOperation<T> operation) {
    try {
      return Future.succeededFuture(operation.run());
    } catch (GeneralSecurityException e) {
      // Tink's messages name no key material, but the class is all an operator needs here.
      LOG.warn("crypto operation failed: {}", e.getClass().getSimpleName());
      return Future.failedFuture(new ServiceException(FailureKind.INTERNAL, "An unexpected error occurred."));
    }
  }

  @FunctionalInterface
  private interface CryptoOperation<T> {
    T run() throws GeneralSecurityException;
  }
}
