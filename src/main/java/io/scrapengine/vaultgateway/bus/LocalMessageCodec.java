package io.scrapengine.vaultgateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/** Hands {@link BusMessage} records to the receiver as they are; refuses to put them on a wire. */
public final class LocalMessageCodec implements MessageCodec<BusMessage, BusMessage> {

  public static final String NAME = "vault-gateway-local";

  private LocalMessageCodec() {
  }

  /** Registers the codec and routes every {@link BusMessage} through it; repeating it is harmless. */
  public static void install(EventBus eventBus) {
    eventBus.unregisterCodec(NAME);
    eventBus.registerCodec(new LocalMessageCodec());
    eventBus.codecSelector(body -> body instanceof BusMessage ? NAME : null);
  }

  @Override
  public void encodeToWire(Buffer buffer, BusMessage message) {
    throw new UnsupportedOperationException("bus messages are local only");
  }

  @Override
  public BusMessage decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("bus messages are local only");
  }

  @Override
  public BusMessage transform(BusMessage message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
