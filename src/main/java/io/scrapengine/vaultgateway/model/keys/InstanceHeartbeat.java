package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one running gateway instance has loaded, sent at start, after every reload and on a timer.
 * {@code keysetVersion} 0 with no key ids means "starting, nothing loaded yet".
 */
public record InstanceHeartbeat(UUID instanceId, String host, long pid, long keysetVersion, List<Long> keyIds,
                                Long primaryKeyId, Instant startedAt) implements BusMessage {

  public InstanceHeartbeat {
    keyIds = List.copyOf(keyIds);
  }

  /** The answer: the newest keyset version stored, so that an instance that missed a notification catches up. */
  public record Reply(long latestVersion) implements BusMessage {
  }

  /** An instance that stops removes its row, so that rotations do not wait for it. */
  public record Gone(UUID instanceId) implements BusMessage {
  }
}
