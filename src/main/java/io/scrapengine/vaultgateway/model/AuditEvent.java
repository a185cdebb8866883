package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited action: when, in which tenant, by whom, what, on which integration or credential and Vault path,
 * with which outcome (OK or an error code) and how long it took. Never a secret value, token or secret_id.
 *
 * @param detail a short, secret-free remark, e.g. {@code secretIdChanged=true}, or null
 */
public record AuditEvent(UUID id, Instant occurredAt, String tenantId, String actor, String action,
                         UUID integrationId, UUID credentialId, String vaultPath, String outcome, String detail,
                         String requestId, long latencyMs) implements BusMessage {

  public static final String OK = "OK";
}
