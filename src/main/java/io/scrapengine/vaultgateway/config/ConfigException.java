package io.scrapengine.vaultgateway.config;

/** A configuration the service refuses to start with; the message tells the operator what to fix. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
