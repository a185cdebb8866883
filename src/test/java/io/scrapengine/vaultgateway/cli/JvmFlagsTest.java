package io.scrapengine.vaultgateway.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up warning for a JVM that would leave request validation in the interpreter, and only for one. */
class JvmFlagsTest {

  /** Run in a child JVM: prints the warning, or nothing. */
  public static void main(String[] args) {
    System.out.print(JvmFlags.validationWarning().orElse(""));
  }

  @Test
  void aJvmStartedWithTheFlagGetsNoWarning() throws Exception {
    assertEquals("", childOutput(List.of(JvmFlags.COMPILE_HUGE_METHODS)));
  }

  @Test
  void aJvmStartedWithoutItIsToldWhichFlagToAdd() throws Exception {
    String warning = childOutput(List.of());
    assertTrue(warning.contains("-XX:-DontCompileHugeMethods"), warning);
    assertTrue(warning.contains("interpreter"), warning);
  }

  private static String childOutput(List<String> flags) throws IOException, InterruptedException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(flags);
    command.addAll(List.of("-cp", classpath, JvmFlagsTest.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
    assertEquals(0, child.exitValue());
    return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
