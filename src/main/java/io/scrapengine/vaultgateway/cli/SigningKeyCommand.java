package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.config.PrivateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.Callable;

@Command(name = "signing-key", mixinStandardHelpOptions = true,
  description = {"Writes a new RSA key pair for signing API keys yourself, unless the files exist:",
    "<dir>/jwt-signing-key.pem (private, owner-only) and <dir>/jwt-public-key.pem (for JWT_PUBLIC_KEY_FILE).",
    "For local clusters and trials; in production API keys come from your identity provider (JWT_JWKS_URL).",
    "Mint with: java -jar vault-gateway.jar token --signing-key <dir>/jwt-signing-key.pem ..."})
final class SigningKeyCommand implements Callable<Integer> {

  static final String PRIVATE_FILE = "jwt-signing-key.pem";
  static final String PUBLIC_FILE = "jwt-public-key.pem";

  @Spec
  private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "<dir>", description = "Where to write the two files.")
  private Path dir;

  @Override
  public Integer call() throws Exception {
    Path privateFile = dir.resolve(PRIVATE_FILE);
    Path publicFile = dir.resolve(PUBLIC_FILE);
    if (Files.exists(privateFile) && Files.exists(publicFile)) {
      spec.commandLine().getErr().println("kept the existing key pair in " + dir.toAbsolutePath());
      return 0;
    }
    if (Files.exists(privateFile) || Files.exists(publicFile)) {
      spec.commandLine().getErr().println("only one of " + PRIVATE_FILE + " and " + PUBLIC_FILE + " exists in "
        + dir.toAbsolutePath() + "; remove it to make a new pair");
      return 1;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    PrivateFiles.createIfAbsent(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    spec.commandLine().getErr().println("wrote " + privateFile.toAbsolutePath() + " and " + publicFile.toAbsolutePath());
    return 0;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
      + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }
}
