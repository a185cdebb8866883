package io.scrapengine.vaultgateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerTest {

  @Test
  void writeImpliesReadOfTheSameResourceOnly() {
    Caller caller = new Caller("t", "user", Set.of("vault-integrations:write"), Instant.MAX);

    assertTrue(caller.hasScope("vault-integrations:write"));
    assertTrue(caller.hasScope("vault-integrations:read"));
    assertFalse(caller.hasScope("credentials:read"));
    assertFalse(caller.hasScope("credentials:resolve"));
  }

  @Test
  void readDoesNotImplyWrite() {
    Caller caller = new Caller("t", "user", Set.of("vault-integrations:read"), Instant.MAX);

    assertTrue(caller.hasScope("vault-integrations:read"));
    assertFalse(caller.hasScope("vault-integrations:write"));
  }
}
