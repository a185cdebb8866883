package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.crypto.KeysetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;

@Command(name = "keyset", mixinStandardHelpOptions = true,
  description = {"Prints a new production keyset (Tink JSON, AES256_GCM) on stdout.",
    "Keep it in your secret store; losing it means every stored secretId must be registered again.",
    "Example: java -jar vault-gateway.jar keyset > keyset.json"})
final class KeysetCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    System.setProperty("LOG_TARGET", "System.err");
    try {
      spec.commandLine().getOut().println(KeysetLoader.newProductionKeysetJson());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (GeneralSecurityException e) {
      spec.commandLine().getErr().println("cannot generate a keyset: " + e.getClass().getSimpleName());
      return 1;
    }
  }
}
