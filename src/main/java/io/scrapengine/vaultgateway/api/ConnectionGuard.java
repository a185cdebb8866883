package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.config.HttpConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Connection hygiene for one HTTP verticle, on its event loop:
 * <ul>
 *   <li>past the per-process cap, a new connection is closed at once, before it costs anything;</li>
 *   <li>a connection must deliver a complete request head within the header timeout of opening, and its next one
 *   within the idle timeout of the previous answer, else it is closed: a client trickling header bytes
 *   (slowloris) cannot hold a connection, which the socket's own idle timeout would allow, since bytes keep
 *   arriving;</li>
 *   <li>while the process drains for shutdown, every answer says {@code Connection: close} and the connection is
 *   closed once the answer is written, so clients and load balancers reconnect elsewhere.</li>
 * </ul>
 */
final class ConnectionGuard {

  private final Vertx vertx;
  private final ServingState state;
  private final int maxConnections;
  private final long headerTimeoutMs;
  private final long idleTimeoutMs;
  /** The pending timer of each open connection of this verticle; touched on its event loop only. */
  private final Map<HttpConnection, Long> deadlines = new IdentityHashMap<>();

  ConnectionGuard(Vertx vertx, ServingState state, HttpConfig config) {
    this.vertx = vertx;
    this.state = state;
    this.maxConnections = config.maxConnections();
    this.headerTimeoutMs = config.requestHeaderTimeoutSeconds() * 1000L;
    this.idleTimeoutMs = config.idleTimeoutSeconds() * 1000L;
  }

  /** The server's connection handler. */
  void onConnection(HttpConnection connection) {
    if (!state.admitConnection(maxConnections)) {
      connection.close();
      return;
    }
    HttpVersionGuard.install(connection);
    connection.closeHandler(closed -> {
      state.connectionClosed();
      Long timer = deadlines.remove(connection);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    });
    arm(connection, headerTimeoutMs);
  }

  /** Wraps the server's request handler: a request head arrived, so its connection's deadline is off. */
  Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      Long timer = deadlines.remove(request.connection());
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      next.handle(request);
    };
  }

  /**
   * The router's first handler: when the answer is written, the connection gets its idle deadline again, or, while
   * draining, is closed. Through the routing context's end handlers, so that it composes with any other handler
   * that wants to know when an answer ends.
   */
  void onAnswer(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    boolean closeAfter = state.draining();
    if (closeAfter) {
      ctx.addHeadersEndHandler(headers -> ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE));
    }
    ctx.addEndHandler(ended -> {
      if (closeAfter) {
        connection.close();
      } else if (!ctx.response().closed()) {
        arm(connection, idleTimeoutMs);
      }
    });
    ctx.next();
  }

  ServingState state() {
    return state;
  }

  private void arm(HttpConnection connection, long delayMs) {
    Long previous = deadlines.put(connection, vertx.setTimer(delayMs, fired -> {
      deadlines.remove(connection);
      connection.close();
    }));
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }
}
