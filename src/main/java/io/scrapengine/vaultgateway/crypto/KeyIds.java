package io.scrapengine.vaultgateway.crypto;

import java.util.OptionalLong;

/**
 * Tink key ids as operators see them: unsigned 32-bit numbers (Tink's API hands them out as signed ints). A Tink
 * ciphertext names its key in a 5-byte prefix: 0x01 (TINK) or 0x00 (CRUNCHY), then the id big-endian; the
 * database reads the same bytes into a column of its own (migration V11, {@code tink_key_id}).
 */
public final class KeyIds {

  private static final int PREFIX_LENGTH = 5;

  private KeyIds() {
  }

  public static long unsigned(int tinkId) {
    return Integer.toUnsignedLong(tinkId);
  }

  public static int tinkId(long keyId) {
    return (int) keyId;
  }

  /** The key id a ciphertext names, or empty when it has no Tink prefix. */
  public static OptionalLong of(byte[] ciphertext) {
    if (ciphertext == null || ciphertext.length < PREFIX_LENGTH || (ciphertext[0] != 0x01 && ciphertext[0] != 0x00)) {
      return OptionalLong.empty();
    }
    long id = ((ciphertext[1] & 0xffL) << 24) | ((ciphertext[2] & 0xffL) << 16) | ((ciphertext[3] & 0xffL) << 8)
      | (ciphertext[4] & 0xffL);
    return OptionalLong.of(id);
  }
}
