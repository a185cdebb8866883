package io.scrapengine.vaultgateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines from one thread that wakes every {@code periodMillis} and writes whatever piled up meanwhile,
 * buffered, with one flush. Logback's AsyncAppender wakes its thread for nearly every line when it keeps up, and
 * the console then makes a system call per line: with an access line per request, that thread's context switches
 * and writes were a tenth of a GET's CPU on 2 cores (bench/README.md, "Profile"). Callers (event loops) never
 * wait: past {@code capacity} lines waiting, new ones are dropped, and the next batch says how many.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
  implements AppenderAttachable<ILoggingEvent> {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
  private final ConcurrentLinkedQueue<ILoggingEvent> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private int capacity = 8192;
  private int periodMillis = 50;
  private Thread writer;

  public void setCapacity(int capacity) {
    this.capacity = capacity;
  }

  public void setPeriodMillis(int periodMillis) {
    this.periodMillis = periodMillis;
  }

  @Override
  public void start() {
    if (capacity < 1 || periodMillis < 1) {
      addError("capacity and periodMillis must be positive");
      return;
    }
    Iterator<Appender<ILoggingEvent>> attached = appenders.iteratorForAppenders();
    if (!attached.hasNext()) {
      addError("no appender attached to " + getName());
      return;
    }
    attached.forEachRemaining(BatchingAppender::buffer);
    super.start();
    writer = new Thread(this::writeUntilStopped, "log-writer-" + getName());
    writer.setDaemon(true);
    writer.start();
  }

  /** The console's stream, buffered: a batch becomes one write instead of one per line. */
  private static void buffer(Appender<ILoggingEvent> appender) {
    if (appender instanceof OutputStreamAppender<ILoggingEvent> stream && stream.getOutputStream() != null) {
      stream.setImmediateFlush(false);
      stream.setOutputStream(new BufferedOutputStream(stream.getOutputStream(), BUFFER_BYTES) {
        @Override
        public void close() throws IOException {
          // the console stays open for whoever else writes to it
          flush();
        }
      });
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    // MDC, thread name and the formatted message are taken now, on the caller's thread
    event.prepareForDeferredProcessing();
    waiting.add(event);
  }

  private void writeUntilStopped() {
    while (isStarted()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(periodMillis));
      writeWaiting();
    }
  }

  private synchronized void writeWaiting() {
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      appenders.appendLoopOnAppenders(droppedNotice(lost));
    }
    boolean wrote = lost > 0;
    for (ILoggingEvent event = waiting.poll(); event != null; event = waiting.poll()) {
      size.decrementAndGet();
      appenders.appendLoopOnAppenders(event);
      wrote = true;
    }
    if (wrote) {
      appenders.iteratorForAppenders().forEachRemaining(BatchingAppender::flush);
    }
  }

  private LoggingEvent droppedNotice(long lost) {
    return new LoggingEvent(BatchingAppender.class.getName(),
      getContext() instanceof LoggerContext logback ? logback.getLogger(BatchingAppender.class) : null,
      Level.WARN, lost + " log line(s) dropped: more than " + capacity + " were waiting to be written", null, null);
  }

  private static void flush(Appender<ILoggingEvent> appender) {
    if (appender instanceof OutputStreamAppender<ILoggingEvent> stream && stream.getOutputStream() != null) {
      try {
        stream.getOutputStream().flush();
      } catch (IOException ignored) {
        // the console is gone; there is nowhere better to say so
      }
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeWaiting();
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return appenders.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return appenders.detachAppender(name);
  }
}
