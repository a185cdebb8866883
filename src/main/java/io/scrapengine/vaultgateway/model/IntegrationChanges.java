package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** A patch to store: the settings that change, and the new secret_id already encrypted (or null). */
public record IntegrationChanges(IntegrationRef ref, VersionCondition condition, SettingsPatch settings,
                                 byte[] secretIdCiphertext) implements BusMessage {

  public boolean changesAnything() {
    return !settings.isEmpty() || secretIdCiphertext != null;
  }

  @Override
  public String toString() {
    return "IntegrationChanges[ref=" + ref + ", condition=" + condition + ", name=" + settings.name()
      + ", secretIdChanged=" + (secretIdCiphertext != null) + "]";
  }
}
