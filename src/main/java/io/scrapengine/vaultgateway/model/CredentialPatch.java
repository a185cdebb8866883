package io.scrapengine.vaultgateway.model;

import java.util.Map;
import java.util.UUID;

/**
 * What a merge patch changes in a credential: a null field stays as it is. The pins may be cleared (set to
 * null), so they carry a {@link SettingsPatch.Change}-like flag each.
 */
public record CredentialPatch(String name, UUID integrationId, String path, Map<String, String> fields,
                             Pin kvVersion, Pin secretVersion) {

  public CredentialPatch {
    fields = fields == null ? null : CredentialFields.copyOf(fields);
  }

  public boolean isEmpty() {
    return name == null && integrationId == null && path == null && fields == null && !kvVersion.changed()
      && !secretVersion.changed();
  }

  /** A change to a pin that may be null: {@code changed} says whether the patch names it at all. */
  public record Pin(boolean changed, Integer value) {

    public static final Pin UNCHANGED = new Pin(false, null);

    public static Pin to(Integer value) {
      return new Pin(true, value);
    }
  }
}
