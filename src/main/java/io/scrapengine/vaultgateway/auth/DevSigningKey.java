package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.config.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The dev profile's RSA key pair for API keys, generated on first start into the data directory. One file holds
 * the private and the public PEM, so that it is created atomically. Blocking.
 */
public record DevSigningKey(String privateKeyPem, String publicKeyPem) {

  public static final String FILE_NAME = "dev-jwt-signing-key.pem";
  private static final String PUBLIC_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final Logger LOG = LoggerFactory.getLogger(DevSigningKey.class);

  public static DevSigningKey loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      String content = pem("PRIVATE KEY", pair.getPrivate().getEncoded())
        + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      if (PrivateFiles.createIfAbsent(file, content)) {
        LOG.warn("DEV PROFILE: generated a dev JWT signing key at {}; mint tokens with"
          + " 'java -jar target/vault-gateway.jar token --tenant <id> --scope <scopes>'", file.toAbsolutePath());
      }
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The public key of an existing dev key in {@code dataDir}, or null when there is none. */
  public static String existingPublicKeyPem(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    return Files.exists(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)).publicKeyPem() : null;
  }

  private static DevSigningKey parse(String content) throws IOException {
    int split = content.indexOf(PUBLIC_BEGIN);
    if (split < 0) {
      throw new IOException("the dev signing key file is damaged; delete it to generate a new one");
    }
    return new DevSigningKey(content.substring(0, split), content.substring(split));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
      + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }

  @Override
  public String toString() {
    return "DevSigningKey[redacted]";
  }
}
