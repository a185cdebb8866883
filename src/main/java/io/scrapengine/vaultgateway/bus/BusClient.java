package io.scrapengine.vaultgateway.bus;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.Subject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/reply with the verticles that own a resource. Requests go to the owner's consumer on the caller's own
 * event loop when there is one ({@link AffineAddresses}); replies are either the answer or a
 * {@link DomainException}, never a bare {@link ReplyException}.
 */
public final class BusClient {

  private static final Logger LOG = LoggerFactory.getLogger(BusClient.class);

  private final EventBus eventBus;
  private final AffineAddresses addresses;
  private final DeliveryOptions options;

  private BusClient(EventBus eventBus, AffineAddresses addresses, DeliveryOptions options) {
    this.eventBus = eventBus;
    this.addresses = addresses;
    this.options = options;
  }

  public static BusClient create(Vertx vertx, long timeoutMs) {
    return new BusClient(vertx.eventBus(), AffineAddresses.of(vertx),
      new DeliveryOptions().setSendTimeout(timeoutMs).setLocalOnly(true));
  }

  @SuppressWarnings("unchecked")
  public <T> Future<T> request(String address, BusMessage body) {
    return eventBus.<BusMessage>request(addresses.resolve(address), body, options)
      .transform(reply -> {
        if (reply.failed()) {
          return Future.failedFuture(undelivered(address, reply.cause()));
        }
        BusMessage answer = reply.result().body();
        return answer instanceof BusFailure failure ? Future.failedFuture(failure.error())
          : Future.succeededFuture((T) answer);
      });
  }

  private static DomainException undelivered(String address, Throwable cause) {
    if (cause instanceof ReplyException reply) {
      LOG.warn("no answer from {}: {}", address, reply.failureType());
      return DomainException.unavailable(Subject.EVENT_BUS);
    }
    LOG.error("request to {} failed", address, cause);
    return DomainException.internal();
  }
}
