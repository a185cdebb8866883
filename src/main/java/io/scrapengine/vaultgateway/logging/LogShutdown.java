package io.scrapengine.vaultgateway.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Writes out the log lines still waiting (the console appender writes in batches) before the JVM exits. */
public final class LogShutdown {

  private LogShutdown() {
  }

  public static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
      logging.stop();
    }
  }
}
