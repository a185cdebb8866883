package io.scrapengine.vaultgateway.crypto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

/**
 * One running gateway process as the keyset heartbeats name it: a random id, and the host and pid an operator
 * recognises it by. Blocking (the host name may need a lookup): create it off the event loop.
 */
public record InstanceIdentity(UUID id, String host, long pid, Instant startedAt) {

  public static InstanceIdentity create() {
    return new InstanceIdentity(UUID.randomUUID(), hostName(), ProcessHandle.current().pid(), Instant.now());
  }

  private static String hostName() {
    String configured = System.getenv("HOSTNAME");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
