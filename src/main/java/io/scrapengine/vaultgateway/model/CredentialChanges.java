package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** A credential patch to store, applied only if the credential's version meets {@code condition}. */
public record CredentialChanges(CredentialRef ref, VersionCondition condition, CredentialPatch patch)
  implements BusMessage {
}
