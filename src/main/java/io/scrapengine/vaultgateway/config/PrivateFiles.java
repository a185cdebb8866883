package io.scrapengine.vaultgateway.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;

/** Writes generated key material readable by its owner only. Blocking. */
public final class PrivateFiles {

  private PrivateFiles() {
  }

  /**
   * Creates {@code file} with owner-only permissions unless it exists. Never overwrites, so that two instances
   * starting at once agree on one key: the loser gets {@code false} and reads the winner's file.
   */
  public static boolean createIfAbsent(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temporary = Files.createTempFile(dir, ".tmp-", ".part");
    try {
      trySetOwnerOnly(temporary);
      Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      Files.createLink(file, temporary);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void trySetOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own protection applies
    }
  }
}
