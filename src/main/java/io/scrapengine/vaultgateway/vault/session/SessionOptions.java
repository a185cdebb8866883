package io.scrapengine.vaultgateway.vault.session;

import java.time.Duration;

/**
 * How sessions with customers' Vaults behave. Environment variables in brackets.
 *
 * @param idle            a session unused this long is revoked and dropped [VAULT_SESSION_IDLE_SECONDS]
 * @param maxInFlight     calls to one integration's Vault at once [VAULT_MAX_IN_FLIGHT]
 * @param queueSize       calls waiting beyond those; more are refused at once [VAULT_QUEUE_SIZE]
 * @param circuitFailures consecutive unreachable or timed-out calls that open the circuit [VAULT_CIRCUIT_FAILURES]
 * @param circuitOpen     how long an open circuit refuses calls before one probe may try [VAULT_CIRCUIT_OPEN_SECONDS]
 * @param loginRetryAfter how long credentials Vault refused are not sent again [VAULT_LOGIN_RETRY_AFTER_SECONDS]
 */
public record SessionOptions(Duration idle, int maxInFlight, int queueSize, int circuitFailures,
                             Duration circuitOpen, Duration loginRetryAfter) {

  public static final int DEFAULT_IDLE_SECONDS = 300;
  public static final int DEFAULT_MAX_IN_FLIGHT = 32;
  public static final int DEFAULT_QUEUE_SIZE = 256;
  public static final int DEFAULT_CIRCUIT_FAILURES = 5;
  public static final int DEFAULT_CIRCUIT_OPEN_SECONDS = 30;
  /** Vault's lockout counts 5 failures within 15 minutes by default: one try per 15 minutes never gets there. */
  public static final int DEFAULT_LOGIN_RETRY_AFTER_SECONDS = 900;

  public static SessionOptions defaults() {
    return new SessionOptions(Duration.ofSeconds(DEFAULT_IDLE_SECONDS), DEFAULT_MAX_IN_FLIGHT, DEFAULT_QUEUE_SIZE,
      DEFAULT_CIRCUIT_FAILURES, Duration.ofSeconds(DEFAULT_CIRCUIT_OPEN_SECONDS),
      Duration.ofSeconds(DEFAULT_LOGIN_RETRY_AFTER_SECONDS));
  }
}
