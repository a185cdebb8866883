package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The outcome of a connection test, ready to serialise. Holds no token, secret_id or secret value.
 *
 * @param ok        true when every step passed ({@code error} is null)
 * @param checkedAt when the check started
 * @param latencyMs how long the whole check took, revocation included
 * @param vault     what sys/health said, or null when Vault could not be reached (or would not say)
 * @param token     the check's token as Vault described it, or null when there was no login
 * @param warnings  things worth knowing that did not fail the check
 * @param error     why the check failed, or null
 */
public record ConnectionTestResult(boolean ok, Instant checkedAt, long latencyMs, VaultInfo vault, TokenInfo token,
                                   List<String> warnings, VaultProblem error) implements BusMessage {

  /** A test that did not run because {@code error} was known beforehand (a refusal Vault gave recently). */
  public static ConnectionTestResult notRun(Instant checkedAt, VaultProblem error) {
    return new ConnectionTestResult(false, checkedAt, 0, null, null, List.of(), error);
  }

  public ConnectionTestResult {
    warnings = List.copyOf(warnings);
  }

  /** A test that stopped before it reached the Vault's health check (the secret_id could not be had). */
  public static ConnectionTestResult failed(Instant checkedAt, long latencyMs, VaultProblem error) {
    return new ConnectionTestResult(false, checkedAt, latencyMs, null, null, List.of(), error);
  }

  /** From sys/health. */
  public record VaultInfo(String version, boolean sealed, boolean standby, String clusterName) {
  }

  /** From the login and auth/token/lookup-self; ttl in seconds, 0 meaning no expiry. */
  public record TokenInfo(long ttl, boolean renewable, List<String> policies) {
    public TokenInfo {
      policies = List.copyOf(policies);
    }
  }

  /** camelCase JSON as the API returns it, {@code checkedAt} as ISO 8601 UTC to the millisecond. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("ok", ok)
      .put("checkedAt", checkedAt.truncatedTo(ChronoUnit.MILLIS).toString())
      .put("latencyMs", latencyMs);
    json.put("vault", vault == null ? null : new JsonObject()
      .put("version", vault.version())
      .put("sealed", vault.sealed())
      .put("standby", vault.standby())
      .put("clusterName", vault.clusterName()));
    json.put("token", token == null ? null : new JsonObject()
      .put("ttl", token.ttl())
      .put("renewable", token.renewable())
      .put("policies", new JsonArray(List.copyOf(token.policies()))));
    json.put("warnings", new JsonArray(List.copyOf(warnings)));
    json.put("error", error == null ? null : new JsonObject()
      .put("code", error.code().name())
      .put("message", error.message())
      .put("hint", error.hint()));
    return json;
  }
}
