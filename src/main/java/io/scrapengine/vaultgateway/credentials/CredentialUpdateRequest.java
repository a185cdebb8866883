package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.CredentialPatch;
import io.scrapengine.vaultgateway.model.CredentialRef;
import io.scrapengine.vaultgateway.model.VersionCondition;

/** A merge patch of one credential, applied only if its version meets {@code condition}. */
public record CredentialUpdateRequest(CredentialRef ref, Actor actor, VersionCondition condition,
                                      CredentialPatch patch) {
}
