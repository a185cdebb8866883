package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.List;

/**
 * A batch of stored ciphertexts of one kind that are not under {@code primaryKeyId}, in a stable order after
 * {@code after} (null for the first page), so that a re-encryption can walk the table once and resume.
 */
public record CiphertextPage(StoredCiphertext.Kind kind, long primaryKeyId, Position after, int limit)
  implements BusMessage {

  /** Where a page ended: the tenant and row key of its last ciphertext. */
  public record Position(String tenantId, String rowKey) {
  }

  /** The answer. */
  public record Result(List<StoredCiphertext> ciphertexts) implements BusMessage {

    public Result {
      ciphertexts = List.copyOf(ciphertexts);
    }

    public Position last() {
      StoredCiphertext last = ciphertexts.get(ciphertexts.size() - 1);
      return new Position(last.tenantId(), last.rowKey());
    }
  }
}
