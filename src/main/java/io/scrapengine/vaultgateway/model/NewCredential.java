package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.Map;
import java.util.UUID;

/** A credential ready to be stored; the integration must exist in the same tenant. */
public record NewCredential(UUID id, String tenantId, String name, UUID integrationId, String path,
                            Map<String, String> fields, Integer kvVersion, Integer secretVersion)
  implements BusMessage {

  public NewCredential {
    fields = CredentialFields.copyOf(fields);
  }
}
