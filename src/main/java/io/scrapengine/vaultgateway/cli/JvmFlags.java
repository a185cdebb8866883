package io.scrapengine.vaultgateway.cli;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * JVM settings the gateway depends on for speed. vertx-json-schema validates every request in one method of
 * about 9,300 bytes of bytecode (SchemaValidatorImpl.validate, 5.0.7); HotSpot leaves methods over 8,000 bytes in
 * the interpreter unless started with {@code -XX:-DontCompileHugeMethods}, and creates then spend most of their
 * CPU there (bench/README.md, "Profile"). The flag cannot be set once the JVM runs, so the launchers (README,
 * Dockerfile, bench scripts) pass it and the server says so when it is missing.
 */
final class JvmFlags {

  static final String COMPILE_HUGE_METHODS = "-XX:-DontCompileHugeMethods";

  private JvmFlags() {
  }

  /** A warning for the log when the JVM will not compile request validation, or empty. */
  static Optional<String> validationWarning() {
    return hugeMethodsLeftInterpreted()
      ? Optional.of("request validation runs in the JVM's interpreter: start the gateway with "
        + COMPILE_HUGE_METHODS + ", as the README and the Dockerfile do (bench/README.md, Profile)")
      : Optional.empty();
  }

  private static boolean hugeMethodsLeftInterpreted() {
    try {
      return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .getVMOption("DontCompileHugeMethods").getValue());
    } catch (RuntimeException notHotSpot) {
      // another JVM: its compiler has no such limit that we know of
      return false;
    }
  }
}
