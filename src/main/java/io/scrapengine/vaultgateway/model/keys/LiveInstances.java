package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The instances that sent a heartbeat within the last {@code withinSeconds}, and what each has loaded. */
public record LiveInstances(List<Instance> instances) implements BusMessage {

  public LiveInstances {
    instances = List.copyOf(instances);
  }

  /** The request: instances seen within this many seconds count as live. */
  public record Query(int withinSeconds) implements BusMessage {
  }

  /** @param secondsSinceSeen as PostgreSQL's clock says, so that instances' clocks do not matter */
  public record Instance(UUID instanceId, String host, long pid, long keysetVersion, List<Long> keyIds,
                         Long primaryKeyId, Instant startedAt, long secondsSinceSeen) {

    public Instance {
      keyIds = List.copyOf(keyIds);
    }

    public boolean holds(long keyId) {
      return keyIds.contains(keyId);
    }

    /** How an operator recognises it: host, pid and the start of its id. */
    public String describe() {
      return host + " (pid " + pid + ", instance " + instanceId.toString().substring(0, 8) + ")";
    }
  }
}
