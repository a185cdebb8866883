package io.scrapengine.vaultgateway.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;

/** Answers a bus request with the outcome of a future, mapping failures to their typed code. */
public final class Replies {

  private Replies() {
  }

  public static <T> void replyWith(Message<?> message, Future<T> outcome) {
    outcome.onComplete(result -> {
      if (result.succeeded()) {
        message.reply(result.result());
      } else if (result.cause() instanceof ServiceException failure) {
        message.fail(failure.kind().code(), failure.getMessage());
      } else {
        message.fail(FailureKind.INTERNAL.code(), "An unexpected error occurred.");
      }
    });
  }
}
