package io.scrapengine.vaultgateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of PostgreSQL that a test can cut and restore, to see how the gateway behaves
 * when its database goes away and comes back.
 */
public final class TcpProxy {

  private final Vertx vertx;
  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetClient client;
  private NetServer server;

  private TcpProxy(Vertx vertx, int port, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.port = port;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public static TcpProxy start(Vertx vertx, String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(vertx, FreePort.find(), targetHost, targetPort);
    proxy.resume();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Listens again on the same port. */
  public void resume() {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::relay);
    server.listen(port, "127.0.0.1").await();
  }

  /** Stops listening and drops every relayed connection, like a database that went down. */
  public void cut() {
    server.close().await();
    sockets.forEach(NetSocket::close);
    sockets.clear();
    client.close().await();
  }

  private void relay(NetSocket inbound) {
    inbound.pause();
    sockets.add(inbound);
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      sockets.add(outbound);
      inbound.handler(outbound::write);
      outbound.handler(inbound::write);
      inbound.closeHandler(ignored -> outbound.close());
      outbound.closeHandler(ignored -> inbound.close());
      inbound.resume();
    });
  }

  public Future<Void> close() {
    return server.close().eventually(() -> client.close());
  }
}
