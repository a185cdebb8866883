package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.List;

/**
 * Re-encrypted ciphertexts to store, each only if its row still holds exactly the ciphertext it was read with: a
 * secretId changed in the meantime (a PATCH) is newer and stays.
 */
public record CiphertextReplacements(List<Replacement> replacements) implements BusMessage {

  public CiphertextReplacements {
    replacements = List.copyOf(replacements);
  }

  public record Replacement(StoredCiphertext current, byte[] replacement) {

    @Override
    public String toString() {
      return "Replacement[" + current + "]";
    }
  }

  /** How many rows took their replacement; the others had changed. */
  public record Outcome(int replaced) implements BusMessage {
  }
}
