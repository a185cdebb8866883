package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.domain.TextRules;
import io.scrapengine.vaultgateway.model.SettingsPatch;
import io.scrapengine.vaultgateway.model.VaultSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules on an integration's Vault settings: an address the client can dial, a namespace and role_id that
 * cannot break the request they travel in, an auth mount that stays a mount, X.509 certificates, a host name. The
 * contract states the simple ones too, for clients; these hold whoever the caller is. All are checked at once, so
 * that one answer names every bad field; fields are named as in the request ({@code config.address}).
 */
public final class VaultSettingsRules {

  private VaultSettingsRules() {
  }

  public static List<FieldIssue> issues(VaultSettings settings) {
    return issues(settings.address(), settings.namespace(), settings.authMount(), settings.roleId(),
      settings.caCertificate(), settings.tlsServerName());
  }

  /** The issues of the fields a patch sets; fields it leaves alone were checked when they were set. */
  public static List<FieldIssue> issues(SettingsPatch patch) {
    return issues(patch.address(), patch.namespace().value(), patch.authMount(), patch.roleId(),
      patch.caCertificate().value(), patch.tlsServerName().value());
  }

  private static List<FieldIssue> issues(String address, String namespace, String authMount, String roleId,
                                         String caCertificate, String tlsServerName) {
    List<FieldIssue> issues = new ArrayList<>();
    check("config.address", address, singleLine(VaultAddressRule::violation), issues);
    check("config.namespace", namespace, VaultSettingsRules::namespaceViolation, issues);
    check("config.roleId", roleId, VaultSettingsRules::roleIdViolation, issues);
    check("config.authMount", authMount, AuthMountRule::violation, issues);
    check("config.caCertificate", caCertificate, multiLine(CaCertificateRule::violation), issues);
    check("config.tlsServerName", tlsServerName, singleLine(TlsServerNameRule::violation), issues);
    return issues;
  }

  /** A namespace travels as the {@code X-Vault-Namespace} header: no whitespace or control characters. */
  static Optional<String> namespaceViolation(String namespace) {
    if (namespace.isEmpty() || namespace.length() > 255) {
      return Optional.of("must be 1-255 characters long");
    }
    return TextRules.isWord(namespace) ? Optional.empty()
      : Optional.of("must not contain whitespace or control characters");
  }

  /** A role_id travels in the login's JSON body; control characters have no place in it. */
  static Optional<String> roleIdViolation(String roleId) {
    if (roleId.isEmpty() || roleId.length() > 255) {
      return Optional.of("must be 1-255 characters long");
    }
    return TextRules.isSingleLine(roleId) ? Optional.empty() : Optional.of("must not contain control characters");
  }

  /** {@code rule}, after the check every single-line field shares: no control characters. */
  private static Function<String, Optional<String>> singleLine(Function<String, Optional<String>> rule) {
    return value -> TextRules.isSingleLine(value) ? rule.apply(value)
      : Optional.of("must not contain control characters");
  }

  private static Function<String, Optional<String>> multiLine(Function<String, Optional<String>> rule) {
    return value -> TextRules.isMultiLine(value) ? rule.apply(value)
      : Optional.of("must not contain control characters other than line breaks and tabs");
  }

  private static void check(String field, String value, Function<String, Optional<String>> rule,
                            List<FieldIssue> issues) {
    if (value != null) {
      rule.apply(value).ifPresent(reason -> issues.add(new FieldIssue(field, reason)));
    }
  }
}
