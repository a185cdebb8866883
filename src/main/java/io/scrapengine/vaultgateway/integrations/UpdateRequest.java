package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.SecretIdInput;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.SettingsPatch;
import io.scrapengine.vaultgateway.model.VersionCondition;

/**
 * A merge patch of one integration, applied only if its version meets {@code condition}.
 *
 * @param secretId a new secret_id (a rotation), given or wrapped, or null to keep the current one
 */
public record UpdateRequest(IntegrationRef ref, Actor actor, VersionCondition condition, SettingsPatch patch,
                            SecretIdInput secretId) {

  /** A patch whose new secret_id, if any, is given as is. */
  public UpdateRequest(IntegrationRef ref, Actor actor, VersionCondition condition, SettingsPatch patch,
                       SecretValue secretId) {
    this(ref, actor, condition, patch, secretId == null ? null : SecretIdInput.given(secretId));
  }
}
