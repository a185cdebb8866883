package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.model.ListPosition;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * List cursors are the page's last position, encrypted with the tenant as associated data: opaque to clients,
 * impossible to forge or tamper with, and refused when replayed by another tenant or with another filter (the
 * listing's filters, as one string).
 */
final class ListCursors {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Keyring keyring;

  ListCursors(Keyring keyring) {
    this.keyring = keyring;
  }

  String encode(String tenantId, String filter, ListPosition position) {
    JsonObject payload = new JsonObject()
      .put("t", position.createdAt().toEpochMilli())
      .put("i", position.id().toString())
      .put("n", filter);
    return ENCODER.encodeToString(keyring.seal(EncryptionContext.listCursor(tenantId), SecretValue.of(payload.encode())));
  }

  /** The position in a cursor this tenant got for this filter; a validation error naming {@code cursor} if not. */
  ListPosition decode(String tenantId, String filter, String cursor) {
    JsonObject payload;
    try {
      payload = new JsonObject(keyring.open(EncryptionContext.listCursor(tenantId), DECODER.decode(cursor)).reveal());
    } catch (IllegalArgumentException | DecodeException e) {
      throw invalid();
    } catch (DomainException e) {
      throw e.is(ErrorCode.UNDECRYPTABLE) ? invalid() : e;
    }
    if (!Objects.equals(payload.getValue("n"), filter)) {
      throw DomainException.invalid("cursor", "belongs to a listing with other filters");
    }
    try {
      return new ListPosition(Instant.ofEpochMilli(payload.getLong("t")), UUID.fromString(payload.getString("i")));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static DomainException invalid() {
    return DomainException.invalid("cursor", "is not a cursor this service issued to you");
  }
}
