package io.scrapengine.vaultgateway.model;

/**
 * What a merge patch changes in an integration, apart from the secret_id: a null field stays as it is. The
 * settings that may be null (namespace, CA bundle, TLS name) carry a {@link Change} each, because null is a value
 * there: it clears them.
 */
public record SettingsPatch(String name, String address, Change namespace, String authMount, String roleId,
                            Change caCertificate, Change tlsServerName) {

  public boolean isEmpty() {
    return name == null && address == null && !namespace.changed() && authMount == null && roleId == null
      && !caCertificate.changed() && !tlsServerName.changed();
  }

  /** The settings after this patch: what it names replaces, what it leaves out stays as in {@code current}. */
  public VaultSettings applyTo(VaultSettings current) {
    return new VaultSettings(address != null ? address : current.address(),
      namespace.changed() ? namespace.value() : current.namespace(),
      authMount != null ? authMount : current.authMount(),
      roleId != null ? roleId : current.roleId(),
      caCertificate.changed() ? caCertificate.value() : current.caCertificate(),
      tlsServerName.changed() ? tlsServerName.value() : current.tlsServerName());
  }

  /** A change to a field that may be null: {@code changed} says whether the patch names it at all. */
  public record Change(boolean changed, String value) {

    public static final Change UNCHANGED = new Change(false, null);

    public static Change to(String value) {
      return new Change(true, value);
    }
  }
}
