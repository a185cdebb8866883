package io.scrapengine.vaultgateway.keys;

/** A command that cannot go on, with the sentence to tell the operator (never key material). */
final class KeysCommandException extends Exception {

  private final int exitCode;

  KeysCommandException(String message) {
    this(message, KeysCommand.FAILED);
  }

  KeysCommandException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
