package io.scrapengine.vaultgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a command printed: its stdout and stderr, captured for assertions. */
public final class CommandOutput {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  public PrintStream outStream() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  public PrintStream errStream() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  public String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "stdout:\n" + out() + "\nstderr:\n" + err();
  }
}
