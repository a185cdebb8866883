package io.scrapengine.vaultgateway.bus;

/**
 * Marks the immutable records that travel between verticles of one instance. They pass by reference
 * through {@link LocalMessageCodec}: no JSON copies, and plaintext secrets never leave the JVM.
 */
public interface BusMessage {
}
