package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.idempotency.IdempotencyKey;
import io.scrapengine.vaultgateway.model.Actor;

/** A request to register a credential in a tenant; {@code idempotencyKey} may be null. */
public record CredentialCreateRequest(String tenantId, Actor actor, CredentialDraft draft,
                                      IdempotencyKey idempotencyKey) {
}
