package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.RawHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections cannot be held for free: one that sends nothing, or trickles its request head, is closed after the
 * header timeout; past the per-process cap a new connection is closed at once. Each ends in a close, not a hang.
 */
class ConnectionHygieneTest {

  private static final int MAX_CONNECTIONS = 4;
  private static final String LIVE = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.withConfig(new JsonObject().put("http", new JsonObject()
    .put("requestHeaderTimeoutSeconds", 1).put("idleTimeoutSeconds", 2).put("maxConnections", MAX_CONNECTIONS)));

  private static Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), ENV.gateway().port());
    socket.setSoTimeout(8_000);
    return socket;
  }

  /** Whether the server closed the connection (rather than leaving the read hanging). */
  private static boolean closedByServer(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException hanging) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws IOException {
    try (Socket socket = connect()) {
      assertTrue(closedByServer(socket.getInputStream()));
    }
  }

  @Test
  void aTrickledRequestHeadIsCut() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
      boolean cut = false;
      for (int i = 0; i < 40 && !cut; i++) {
        try {
          out.write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } catch (SocketException closed) {
          cut = true;
        }
        Thread.sleep(200);
      }
      assertTrue(cut || closedByServer(socket.getInputStream()), "a slowloris connection is closed");
    }
  }

  @Test
  void aKeptAliveConnectionIsServedThenClosedWhenIdle() throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(LIVE.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      assertEquals(204, RawHttp.read(in).status());
      assertTrue(closedByServer(in), "closed after the idle timeout");
    }
  }

  @Test
  void pastTheCapANewConnectionIsClosedAtOnce() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        held.add(connect());
      }
      Thread.sleep(300);
      try (Socket over = connect()) {
        over.getOutputStream().write(LIVE.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(closedByServer(over.getInputStream()), "the connection over the cap is closed");
      } catch (SocketException refused) {
        // closed before the request could even be written: as good
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    Thread.sleep(300);
    RawHttp.Answer afterwards = RawHttp.send(ENV.gateway().port(),
      "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(204, afterwards.status(), "below the cap again, connections are served");
  }
}
