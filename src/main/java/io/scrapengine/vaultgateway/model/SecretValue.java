package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.nio.charset.StandardCharsets;

/**
 * A secret (such as an AppRole secret_id) in plaintext. Its {@code toString} never shows the value, so a
 * record, log line or exception message that includes it by accident leaks nothing.
 */
public final class SecretValue implements BusMessage {

  private final String value;

  private SecretValue(String value) {
    this.value = value;
  }

  public static SecretValue of(String value) {
    if (value == null) {
      throw new IllegalArgumentException("secret value is required");
    }
    return new SecretValue(value);
  }

  public static SecretValue ofUtf8(byte[] bytes) {
    return new SecretValue(new String(bytes, StandardCharsets.UTF_8));
  }

  public String reveal() {
    return value;
  }

  public byte[] utf8() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SecretValue[redacted]";
  }
}
