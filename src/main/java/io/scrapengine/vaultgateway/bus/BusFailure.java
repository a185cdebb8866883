package io.scrapengine.vaultgateway.bus;

import io.scrapengine.vaultgateway.domain.DomainException;

/**
 * A failed answer, as a reply body: the domain error itself crosses the bus by reference, so nothing is lost to
 * an integer code and a string, and nothing on either side speaks HTTP.
 */
record BusFailure(DomainException error) implements BusMessage {
}
