package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored integration as clients may see it; it carries no secret material at all. v1 knows one backend
 * ({@link #TYPE}) and one auth method ({@link #AUTH_METHOD}).
 */
public record Integration(UUID id, String tenantId, String name, VaultSettings vault, LastTest lastTest,
                          Instant createdAt, Instant updatedAt, long version) implements BusMessage {

  public static final String TYPE = "hashicorp";
  public static final String AUTH_METHOD = "approle";
}
