package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.bus.FailureKind;
import io.scrapengine.vaultgateway.bus.ServiceException;
import io.scrapengine.vaultgateway.crypto.CryptoClient;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.model.ListPosition;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * List cursors are the page's last position, encrypted with the tenant as associated data: opaque to clients,
 * impossible to forge or tamper with, and refused when replayed by another tenant or with another filter.
 */
final class ListCursors {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final CryptoClient crypto;

  ListCursors(CryptoClient crypto) {
    this.crypto = crypto;
  }

  Future<String> encode(String tenantId, String nameFilter, ListPosition position) {
    JsonObject payload = new JsonObject()
      .put("t", position.createdAt().toEpochMilli())
      .put("i", position.id().toString())
      .put("n", nameFilter);
    return crypto.encrypt(EncryptionContext.listCursor(tenantId), SecretValue.of(payload.encode()))
      .map(ENCODER::encodeToString);
  }

  Future<ListPosition> decode(String tenantId, String nameFilter, String cursor) {
    byte[] sealed;
    try {
      sealed = DECODER.decode(cursor);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(invalid());
    }
    return crypto.decrypt(EncryptionContext.listCursor(tenantId), sealed)
      .recover(failure -> Future.failedFuture(
        failure instanceof ServiceException service && service.kind() == FailureKind.UNDECRYPTABLE
          ? invalid() : failure))
      .map(plain -> {
        try {
          JsonObject payload = new JsonObject(plain.reveal());
          if (!Objects.equals(payload.getString("n"), nameFilter)) {
            throw new ApiException(ProblemCode.VALIDATION_FAILED, "The cursor belongs to another query.",
              List.of(new FieldError("cursor", "belongs to a listing with another name filter")));
          }
          return new ListPosition(Instant.ofEpochMilli(payload.getLong("t")), UUID.fromString(payload.getString("i")));
        } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException e) {
          throw invalid();
        }
      });
  }

  private static ApiException invalid() {
    return ApiException.validation(List.of(new FieldError("cursor", "is not a cursor this service issued to you")));
  }
}
