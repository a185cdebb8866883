package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.idempotency.IdempotencyKey;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IntegrationDraft;

/**
 * A request to register an integration in a tenant.
 *
 * @param verify         run the connection test first and refuse to save when it fails
 * @param idempotencyKey the client's key for safe retries, or null
 */
public record CreateRequest(String tenantId, Actor actor, IntegrationDraft draft, boolean verify,
                            IdempotencyKey idempotencyKey) {
}
