package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.cli.GatewayCli;
import io.scrapengine.vaultgateway.logging.LogShutdown;

/**
 * {@code java -jar vault-gateway.jar [serve | migrate | token | keyset | signing-key | keys ... | help]}: see
 * {@link GatewayCli}, or run with {@code --help}.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    if (args.length > 0 && !"serve".equals(args[0])) {
      // commands print their result on stdout, ready for $(...): their log lines go to stderr
      System.setProperty("LOG_TARGET", "System.err");
    }
    if (args.length > 0 && "keys".equals(args[0])) {
      // the key commands say what they do themselves; the log stays quiet unless asked
      System.setProperty("LOG_LEVEL", System.getenv().getOrDefault("LOG_LEVEL", "WARN"));
    }
    GatewayCli.Outcome outcome = GatewayCli.execute(args);
    if (!outcome.keepRunning()) {
      LogShutdown.stop();
      System.exit(outcome.exitCode());
    }
  }
}
