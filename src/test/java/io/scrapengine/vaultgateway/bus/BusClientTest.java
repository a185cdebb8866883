package io.scrapengine.vaultgateway.bus;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests reach the owner's instance on the caller's own event loop; failures arrive as domain errors. */
class BusClientTest {

  static final String ECHO_THREAD = "test.echo-thread";
  static final String FAIL = "test.fail";
  static final DomainException CONFLICT = DomainException.nameTaken(Subject.VAULT_INTEGRATION, "taken");

  record Ask(String what) implements BusMessage {
  }

  record Answer(String thread) implements BusMessage {
  }

  /** Answers with the thread it runs on; fails with a domain error or a bug, as asked. */
  static final class Owner extends VerticleBase {
    private BusConsumers consumers;

    @Override
    public Future<?> start() {
      consumers = BusConsumers.create(vertx)
        .answer(ECHO_THREAD, (Ask ask) -> Future.succeededFuture(new Answer(Thread.currentThread().getName())))
        .answer(FAIL, (Ask ask) -> ask.what().equals("domain") ? Future.failedFuture(CONFLICT)
          : Future.failedFuture(new IllegalStateException("a bug")));
      return consumers.completion();
    }

    @Override
    public Future<?> stop() {
      return consumers.close();
    }
  }

  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    LocalMessageCodec.install(vertx.eventBus());
    vertx.deployVerticle(Owner::new, new DeploymentOptions().setInstances(2)).await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** A verticle that only lends its event loop to the test. */
  static final class Requester extends VerticleBase {
    final List<Context> contexts;

    Requester(List<Context> contexts) {
      this.contexts = contexts;
    }

    @Override
    public Future<?> start() {
      contexts.add(context);
      return Future.succeededFuture();
    }
  }

  @Test
  void aRequestIsAnsweredOnTheCallersOwnEventLoop() {
    BusClient client = BusClient.create(vertx, 5_000);
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new Requester(contexts), new DeploymentOptions().setInstances(2)).await();
    Set<String> callers = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Context context = contexts.get(i % contexts.size());
      Promise<String[]> threads = Promise.promise();
      context.runOnContext(ignored -> {
        String caller = Thread.currentThread().getName();
        callers.add(caller);
        client.<Answer>request(ECHO_THREAD, new Ask("thread"))
          .onSuccess(answer -> threads.complete(new String[] {caller, answer.thread()}))
          .onFailure(threads::fail);
      });
      String[] pair = threads.future().await();
      assertEquals(pair[0], pair[1], "answered on another event loop");
    }
    assertEquals(2, callers.size(), "both event loops were tried");
  }

  @Test
  void fromOffTheEventLoopTheSharedAddressAnswers() {
    Answer answer = BusClient.create(vertx, 5_000).<Answer>request(ECHO_THREAD, new Ask("thread")).await();
    assertTrue(answer.thread().startsWith("vert.x-eventloop-thread-"), answer.thread());
  }

  @Test
  void aDomainErrorCrossesTheBusAsItself() {
    Future<Answer> failed = BusClient.create(vertx, 5_000).request(FAIL, new Ask("domain"));
    Throwable cause = failed.transform(Future::succeededFuture).await().cause();
    assertSame(CONFLICT, cause);
  }

  @Test
  void aBugIsAnInternalErrorAndNoOwnerIsUnavailable() {
    BusClient client = BusClient.create(vertx, 5_000);
    Throwable bug = client.request(FAIL, new Ask("bug")).transform(Future::succeededFuture).await().cause();
    assertEquals(ErrorCode.INTERNAL_ERROR, ((DomainException) bug).code());
    Throwable nobody = client.request("test.nobody", new Ask("x")).transform(Future::succeededFuture).await().cause();
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, ((DomainException) nobody).code());
  }
}
