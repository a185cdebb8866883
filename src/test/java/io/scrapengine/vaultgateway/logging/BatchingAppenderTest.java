package io.scrapengine.vaultgateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingAppenderTest {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("batching-test");
  private final BatchingAppender batching = new BatchingAppender();

  @AfterEach
  void stop() {
    batching.stop();
    context.stop();
  }

  private void start(ch.qos.logback.core.Appender<ILoggingEvent> target, int capacity, int periodMillis) {
    // a context of the test's own, so that nothing else logging meanwhile reaches these appenders
    context.setMDCAdapter(new LogbackMDCAdapter());
    target.setContext(context);
    target.start();
    batching.setContext(context);
    batching.setName("console");
    batching.setCapacity(capacity);
    batching.setPeriodMillis(periodMillis);
    batching.addAppender(target);
    batching.start();
    logger.addAppender(batching);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void linesArriveInOrderWithTheContextTheyWereWrittenIn() throws Exception {
    ListAppender<ILoggingEvent> target = new ListAppender<>();
    start(target, 100, 20);
    for (int i = 0; i < 50; i++) {
      context.getMDCAdapter().put("requestId", "req-" + i);
      logger.info("line {}", i);
    }
    context.getMDCAdapter().clear();
    waitFor(() -> target.list.size() == 50);
    assertEquals(50, target.list.size());
    for (int i = 0; i < 50; i++) {
      ILoggingEvent event = target.list.get(i);
      assertEquals("line " + i, event.getFormattedMessage());
      assertEquals(Map.of("requestId", "req-" + i), event.getMDCPropertyMap(), "the MDC of the moment it was written");
      assertEquals(Thread.currentThread().getName(), event.getThreadName(), "the writer's thread, not the log's");
    }
  }

  @Test
  void pastItsCapacityLinesAreDroppedAndTheNextBatchSaysHowMany() throws Exception {
    ListAppender<ILoggingEvent> target = new ListAppender<>();
    // a period far longer than the test: nothing is written until stop() drains
    start(target, 10, 60_000);
    for (int i = 0; i < 25; i++) {
      logger.info("line {}", i);
    }
    batching.stop();
    List<String> written = target.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(11, written.size(), written.toString());
    assertEquals("15 log line(s) dropped: more than 10 were waiting to be written", written.get(0));
    assertEquals(Level.WARN, target.list.get(0).getLevel());
    for (int i = 0; i < 10; i++) {
      assertEquals("line " + i, written.get(i + 1));
    }
  }

  @Test
  void aBatchReachesTheConsoleAsFewWritesNotOnePerLine() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream console = new OutputStream() {
      @Override
      public void write(int b) {
        writes.incrementAndGet();
        bytes.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writes.incrementAndGet();
        bytes.write(b, off, len);
      }
    };
    OutputStreamAppender<ILoggingEvent> target = new OutputStreamAppender<>();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    target.setEncoder(encoder);
    target.setOutputStream(console);
    start(target, 10_000, 60_000);
    for (int i = 0; i < 1_000; i++) {
      logger.info("line {}", i);
    }
    batching.stop();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1_000, text.lines().count());
    assertTrue(text.startsWith("line 0\nline 1\n") && text.endsWith("line 999\n"), text.substring(0, 20));
    assertTrue(writes.get() < 10, "64 KiB writes for about 9 KiB of lines, not one per line: " + writes.get());
  }

  @Test
  void aLoggingEventBuiltByHandIsWrittenToo() throws Exception {
    ListAppender<ILoggingEvent> target = new ListAppender<>();
    start(target, 10, 10);
    batching.doAppend(new LoggingEvent(getClass().getName(), logger, Level.INFO, "by hand", null, null));
    waitFor(() -> target.list.size() == 1);
    assertEquals("by hand", target.list.get(0).getFormattedMessage());
  }
}
