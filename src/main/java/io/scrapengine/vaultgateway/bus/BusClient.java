package io.scrapengine.vaultgateway.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

/** Request/reply over the local event bus with typed failures instead of raw {@link ReplyException}s. */
public final class BusClient {

  private final EventBus eventBus;
  private final DeliveryOptions options;

  public BusClient(EventBus eventBus, long timeoutMs) {
    this.eventBus = eventBus;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs).setLocalOnly(true);
  }

  public <T> Future<T> request(String address, BusMessage body) {
    return eventBus.<T>request(address, body, options)
      .map(Message::body)
      .recover(failure -> Future.failedFuture(toServiceException(failure)));
  }

  private static Throwable toServiceException(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case RECIPIENT_FAILURE -> new ServiceException(FailureKind.fromCode(reply.failureCode()), reply.getMessage());
        case TIMEOUT -> new ServiceException(FailureKind.UNAVAILABLE, "The request timed out inside the service.");
        case NO_HANDLERS -> new ServiceException(FailureKind.UNAVAILABLE, "The service is not ready.");
        default -> new ServiceException(FailureKind.INTERNAL, "An unexpected error occurred.");
      };
    }
    return failure;
  }
}
