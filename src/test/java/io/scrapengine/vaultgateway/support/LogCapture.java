package io.scrapengine.vaultgateway.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Records every log event of the JVM while open, with messages and stack traces rendered as text. */
public final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root;

  private LogCapture() {
    LoggerContext context = loggerContext();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  /**
   * Logback's context. While another thread is initialising SLF4J (test classes start in parallel), the factory is
   * a temporary substitute for a moment: wait for the real one.
   */
  private static LoggerContext loggerContext() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    while (!(factory instanceof LoggerContext) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      factory = LoggerFactory.getILoggerFactory();
    }
    return (LoggerContext) factory;
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every captured line: level, logger, message with its arguments, and any stack trace. */
  public List<String> lines() {
    // AppenderBase.doAppend adds events while holding the appender's own lock
    synchronized (appender) {
      return appender.list.stream().map(LogCapture::render).toList();
    }
  }

  public int size() {
    return lines().size();
  }

  private static String render(ILoggingEvent event) {
    String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
    return event.getThrowableProxy() == null ? line
      : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
