package io.scrapengine.vaultgateway.api;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every HTTP verticle of a process shares about serving: whether the process is draining for shutdown (then
 * readiness fails and answers close their connections) and how many connections are open, against the
 * per-process cap.
 */
public final class ServingState {

  private final AtomicBoolean accepting = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicInteger connections = new AtomicInteger();

  private ServingState() {
  }

  public static ServingState create() {
    return new ServingState();
  }

  /** Every HTTP verticle listens: a shutdown from now on must drain. */
  public void startAccepting() {
    accepting.set(true);
  }

  public boolean accepting() {
    return accepting.get();
  }

  /** From now on readiness fails and every answer closes its connection; serving goes on. */
  public void startDraining() {
    draining.set(true);
  }

  public boolean draining() {
    return draining.get();
  }

  /** Counts a new connection in, unless {@code max} are open already. */
  boolean admitConnection(int max) {
    while (true) {
      int open = connections.get();
      if (open >= max) {
        return false;
      }
      if (connections.compareAndSet(open, open + 1)) {
        return true;
      }
    }
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  /** Connections open now, across the process. */
  public int openConnections() {
    return connections.get();
  }
}
