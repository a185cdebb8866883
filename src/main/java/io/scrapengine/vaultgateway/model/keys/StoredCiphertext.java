package io.scrapengine.vaultgateway.model.keys;

import java.util.Arrays;
import java.util.UUID;

/**
 * One stored secret as a re-encryption sees it: where it lives, what it is bound to, and its ciphertext.
 *
 * @param kind     which table and column
 * @param tenantId the tenant it belongs to (part of its encryption context)
 * @param rowKey   the row: the integration id, or the Idempotency-Key
 * @param recordId the id its encryption context names: the integration id, or the idempotency request id
 */
public record StoredCiphertext(Kind kind, String tenantId, String rowKey, UUID recordId, byte[] ciphertext) {

  /** The stored secrets the gateway keeps. */
  public enum Kind {
    /** vault_integrations.secret_id_ciphertext */
    INTEGRATION_SECRET_ID,
    /** idempotency_keys.secret_id_ciphertext, while the record lives */
    IDEMPOTENCY_SECRET
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredCiphertext that && kind == that.kind && tenantId.equals(that.tenantId)
      && rowKey.equals(that.rowKey) && recordId.equals(that.recordId) && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * rowKey.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "StoredCiphertext[" + kind + ", tenant=" + tenantId + ", record=" + recordId + "]";
  }
}
