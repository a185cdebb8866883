package io.scrapengine.vaultgateway.audit;

import io.scrapengine.vaultgateway.model.Actor;

import java.util.UUID;

/**
 * An action to audit, before its outcome is known: the tenant, who, what ({@code integration.create},
 * {@code credential.resolve}, ...), on which integration, credential and Vault path (null when none), and a
 * secret-free remark.
 */
public record AuditEntry(String tenantId, Actor actor, String action, UUID integrationId, UUID credentialId,
                         String vaultPath, String detail) {

  public static AuditEntry of(String tenantId, Actor actor, String action) {
    return new AuditEntry(tenantId, actor, action, null, null, null, null);
  }

  public AuditEntry integration(UUID id) {
    return new AuditEntry(tenantId, actor, action, id, credentialId, vaultPath, detail);
  }

  public AuditEntry credential(UUID id) {
    return new AuditEntry(tenantId, actor, action, integrationId, id, vaultPath, detail);
  }

  public AuditEntry vaultPath(String path) {
    return new AuditEntry(tenantId, actor, action, integrationId, credentialId, path, detail);
  }

  public AuditEntry detail(String remark) {
    return new AuditEntry(tenantId, actor, action, integrationId, credentialId, vaultPath, remark);
  }
}
