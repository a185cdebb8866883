package io.scrapengine.vaultgateway.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Marks a request line with an HTTP version other than 1.0 and 1.1 ({@code HTTP/2.5}, {@code HTTP/7.0}) as a
 * decoding failure, so that it reaches {@link InvalidRequests} and gets a 400 problem document. Netty parses any
 * {@code HTTP/x.y}; Vert.x 5.0.7 then answers versions it does not know with a bare 501 of its own, ahead of every
 * handler we can install (Http1xServerRequestHandler): a 5xx for something only the client got wrong. Installed
 * right behind the HTTP decoder of each new connection, before it reads its first request.
 */
@ChannelHandler.Sharable
final class HttpVersionGuard extends ChannelInboundHandlerAdapter {

  static final HttpVersionGuard INSTANCE = new HttpVersionGuard();
  private static final String NAME = "vault-gateway-version-guard";
  private static final String HTTP_DECODER = "httpDecoder";

  private HttpVersionGuard() {
  }

  /** Call from the server's connection handler; connections that are not HTTP/1.x are left alone. */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
      if (pipeline.get(HTTP_DECODER) != null && pipeline.get(NAME) == null) {
        pipeline.addAfter(HTTP_DECODER, NAME, INSTANCE);
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
      HttpVersion version = request.protocolVersion();
      if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
        request.setProtocolVersion(HttpVersion.HTTP_1_0);
        request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion()));
      }
    }
    ctx.fireChannelRead(msg);
  }

  /** The decoding failure {@link InvalidRequests} recognises. */
  static final class UnsupportedVersion extends IllegalArgumentException {
    UnsupportedVersion() {
      super("unsupported HTTP version", null);
    }
  }
}
