package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.SettingsPatch;
import io.scrapengine.vaultgateway.model.VersionCondition;

/**
 * A merge patch of one integration, applied only if its version meets {@code condition}.
 *
 * @param secretId a new secret_id (a rotation), or null to keep the current one
 */
public record UpdateRequest(IntegrationRef ref, Actor actor, VersionCondition condition, SettingsPatch patch,
                            SecretValue secretId) {
}
