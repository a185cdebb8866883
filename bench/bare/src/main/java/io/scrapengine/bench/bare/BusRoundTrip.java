package io.scrapengine.bench.bare;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * What one event-bus request/reply costs on this machine, the way the gateway uses the bus: a local consumer, a
 * record passed by reference through a codec whose {@code transform} returns its argument, local-only delivery
 * with a send timeout. Two placements: the consumer on the requester's own event loop, and on another one. For
 * comparison, a bare {@code Context.runOnContext} there and back. Each is measured sequentially (one round trip
 * at a time: latency) and pipelined (a window of round trips in flight: throughput), after a warm-up.
 *
 * <p>Options: {@code --iterations 200000 --warmup 50000 --pipelined 1000000 --window 128}. Prints one
 * {@code BUS_RESULT} line per figure, then a table.
 */
public final class BusRoundTrip {

  private static final String SAME_LOOP = "bench.bus.same-loop";
  private static final String OTHER_LOOP = "bench.bus.other-loop";
  private static final String CODEC = "bench-by-reference";
  private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);

  private BusRoundTrip() {
  }

  /** The message: immutable, so handing the same instance to the consumer is safe. */
  record Ping(long sequence) {
  }

  /** Passes a {@link Ping} by reference and refuses the wire, like the gateway's LocalMessageCodec. */
  static final class ByReference implements MessageCodec<Ping, Ping> {
    @Override
    public void encodeToWire(Buffer buffer, Ping ping) {
      throw new UnsupportedOperationException("local only");
    }

    @Override
    public Ping decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("local only");
    }

    @Override
    public Ping transform(Ping ping) {
      return ping;
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  /** Holds a context on its own event loop; registers a replying local consumer there when given an address. */
  static final class Side extends VerticleBase {
    private final String address;
    private volatile Context loop;
    private volatile String thread;

    Side(String address) {
      this.address = address;
    }

    @Override
    public Future<?> start() {
      loop = context;
      thread = Thread.currentThread().getName();
      return address == null ? Future.succeededFuture()
        : vertx.eventBus().<Ping>localConsumer(address, message -> message.reply(message.body())).completion();
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = new TreeMap<>(Map.of("iterations", 200_000, "warmup", 50_000,
      "pipelined", 1_000_000, "window", 128));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String name = args[i].replaceFirst("^--", "");
      if (!options.containsKey(name)) {
        System.err.println("usage: BusRoundTrip [--iterations N] [--warmup N] [--pipelined N] [--window N]");
        System.exit(2);
      }
      int value = Integer.parseInt(args[i + 1]);
      if (value < 1 || value > 50_000_000) {
        System.err.println("--" + name + " must be 1..50000000");
        System.exit(2);
      }
      options.put(name, value);
    }
    int iterations = options.get("iterations");
    int warmup = options.get("warmup");
    int pipelined = options.get("pipelined");
    int window = options.get("window");

    // Two event loops: the requester's, and the other side's (deployments take the loops in turn).
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      EventBus bus = vertx.eventBus();
      bus.registerCodec(new ByReference());
      bus.codecSelector(body -> body instanceof Ping ? CODEC : null);
      Side requester = new Side(SAME_LOOP);
      Side other = new Side(OTHER_LOOP);
      await(vertx.deployVerticle(requester));
      await(vertx.deployVerticle(other));
      if (requester.thread.equals(other.thread)) {
        throw new IllegalStateException("both sides landed on " + other.thread + "; cannot measure a cross-loop hop");
      }
      DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(10_000).setLocalOnly(true);
      Context home = requester.loop;
      Context away = other.loop;

      List<Case> cases = List.of(
        new Case("bus request/reply", "same loop", seq -> bus.request(SAME_LOOP, new Ping(seq), delivery)),
        new Case("bus request/reply", "other loop", seq -> bus.request(OTHER_LOOP, new Ping(seq), delivery)),
        new Case("runOnContext there and back", "same loop", seq -> hop(home, home)),
        new Case("runOnContext there and back", "other loop", seq -> hop(home, away)));

      System.out.printf("requester on %s, other-loop consumer on %s; %d CPU cores; JDK %s%n", requester.thread,
        other.thread, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      List<String> table = new ArrayList<>();
      for (Case c : cases) {
        await(onContext(home, () -> Pump.run(c.op(), warmup, 1, null)));
        Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        await(onContext(home, () -> Pump.run(c.op(), iterations, 1, latency)));
        System.out.printf(Locale.ROOT, "BUS_RESULT what=%s placement=%s mode=sequential n=%d median_us=%.2f"
            + " p90_us=%.2f p99_us=%.2f p999_us=%.2f mean_us=%.2f%n", c.key(), c.placementKey(), iterations,
          us(latency.getValueAtPercentile(50)), us(latency.getValueAtPercentile(90)),
          us(latency.getValueAtPercentile(99)), us(latency.getValueAtPercentile(99.9)), latency.getMean() / 1000);

        await(onContext(home, () -> Pump.run(c.op(), Math.max(warmup, window), window, null)));
        long began = System.nanoTime();
        await(onContext(home, () -> Pump.run(c.op(), pipelined, window, null)));
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "BUS_RESULT what=%s placement=%s mode=pipelined n=%d window=%d"
            + " per_second=%.0f us_per_round_trip=%.3f%n", c.key(), c.placementKey(), pipelined, window,
          pipelined / seconds, seconds * 1e6 / pipelined);
        table.add(String.format(Locale.ROOT, "%-29s %-10s  %8.2f  %8.2f  %10.0f", c.what(), c.placement(),
          us(latency.getValueAtPercentile(50)), us(latency.getValueAtPercentile(99)), pipelined / seconds));
      }
      System.out.println();
      System.out.printf("%-29s %-10s  %8s  %8s  %10s%n", "one round trip", "consumer", "median µs", "p99 µs",
        "pipelined/s");
      table.forEach(System.out::println);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /** One kind of round trip in one placement; {@code op} starts round trip number {@code seq}. */
  record Case(String what, String placement, LongFunction<Future<?>> op) {
    String key() {
      return what.startsWith("bus") ? "bus-request-reply" : "run-on-context-there-and-back";
    }

    String placementKey() {
      return placement.replace(' ', '-');
    }
  }

  /** From {@code home}: a task on {@code there}, which queues a task back on {@code home}. */
  private static Future<Void> hop(Context home, Context there) {
    Promise<Void> back = Promise.promise();
    there.runOnContext(ignored -> home.runOnContext(again -> back.complete()));
    return back.future();
  }

  /**
   * Keeps {@code window} round trips in flight until {@code total} are done, on the calling context. A reply that
   * arrives while the pump is still sending (delivery can be immediate on the same loop) does not recurse: the
   * running loop picks the next one up.
   */
  static final class Pump {
    private final LongFunction<Future<?>> op;
    private final long total;
    private final int window;
    private final Histogram latency;
    private final Promise<Void> done = Promise.promise();
    private long sent;
    private long received;
    private boolean pumping;

    private Pump(LongFunction<Future<?>> op, long total, int window, Histogram latency) {
      this.op = op;
      this.total = total;
      this.window = window;
      this.latency = latency;
    }

    static Future<Void> run(LongFunction<Future<?>> op, long total, int window, Histogram latency) {
      Pump pump = new Pump(op, total, window, latency);
      pump.pump();
      return pump.done.future();
    }

    private void pump() {
      if (pumping) {
        return;
      }
      pumping = true;
      while (sent < total && sent - received < window && !done.future().isComplete()) {
        long began = System.nanoTime();
        op.apply(sent++).onComplete(outcome -> {
          long took = System.nanoTime() - began;
          if (outcome.failed()) {
            done.tryFail(outcome.cause());
            return;
          }
          if (latency != null) {
            latency.recordValue(Math.min(HIGHEST_NANOS, took));
          }
          if (++received == total) {
            done.tryComplete();
          } else {
            pump();
          }
        });
      }
      pumping = false;
    }
  }

  private static <T> Future<T> onContext(Context context, java.util.function.Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> action.get().onComplete(result));
    return result.future();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  private static double us(long nanos) {
    return nanos / 1000.0;
  }
}
