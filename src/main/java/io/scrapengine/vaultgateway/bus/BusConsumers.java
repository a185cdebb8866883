package io.scrapengine.vaultgateway.bus;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The consumers of one verticle instance: each operation is answered at its address and at the address affine to
 * this instance's event loop. Failures are replied as domain errors; anything else is a bug of ours, logged here
 * and answered as an internal error.
 */
public final class BusConsumers {

  private static final Logger LOG = LoggerFactory.getLogger(BusConsumers.class);

  private final Vertx vertx;
  private final AffineAddresses addresses;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final List<String> affine = new ArrayList<>();

  private BusConsumers(Vertx vertx) {
    this.vertx = vertx;
    this.addresses = AffineAddresses.of(vertx);
  }

  /** Call from the owning verticle's start, on its event loop. */
  public static BusConsumers create(Vertx vertx) {
    return new BusConsumers(vertx);
  }

  /** Answers requests at {@code address} with {@code operation}; a null result is answered as {@link Done}. */
  public <T extends BusMessage, R extends BusMessage> BusConsumers answer(String address,
                                                                           Function<T, Future<R>> operation) {
    for (String target : List.of(address, addresses.register(address))) {
      consumers.add(vertx.eventBus().<T>localConsumer(target, message -> reply(message, operation)));
      if (!target.equals(address)) {
        affine.add(target);
      }
    }
    return this;
  }

  private static <T extends BusMessage, R extends BusMessage> void reply(Message<T> message,
                                                                          Function<T, Future<R>> operation) {
    Future<R> outcome;
    try {
      outcome = operation.apply(message.body());
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete((result, failure) -> {
      if (failure == null) {
        message.reply(result == null ? Done.INSTANCE : result);
      } else if (failure instanceof DomainException domain) {
        message.reply(new BusFailure(domain));
      } else {
        LOG.error("{} failed", message.address(), failure);
        message.reply(new BusFailure(DomainException.internal()));
      }
    });
  }

  /** Completes when every consumer is registered. */
  public Future<Void> completion() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  /** Unregisters everything; call from the verticle's stop. */
  public Future<Void> close() {
    affine.forEach(addresses::unregister);
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** The answer to a request that succeeds with nothing to say. */
  public enum Done implements BusMessage {
    INSTANCE
  }
}
