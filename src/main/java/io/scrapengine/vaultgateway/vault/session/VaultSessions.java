package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IntegrationAccess;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult;
import io.vertx.core.Future;

/**
 * The Vault sessions as callers see them: a read or a connection test goes to the one verticle instance that owns
 * the integration's session (the shard its id hashes to), so logins are shared and counted in one place.
 */
public final class VaultSessions {

  private final BusClient bus;
  private final int shards;

  private VaultSessions(BusClient bus, int shards) {
    this.bus = bus;
    this.shards = shards;
  }

  /** @param shards how many {@link VaultSessionsVerticle} instances run, numbered from 0 */
  public static VaultSessions create(BusClient bus, int shards) {
    return new VaultSessions(bus, shards);
  }

  public Future<SecretFound> read(IntegrationAccess access, SecretLocation location, Actor actor) {
    return bus.request(VaultSessionsVerticle.readAddress(shardOf(access)), new SecretRead(access, location, actor));
  }

  public Future<ConnectionTestResult> test(IntegrationAccess access, String path, Actor actor) {
    return bus.request(VaultSessionsVerticle.testAddress(shardOf(access)), new SessionTest(access, path, actor));
  }

  private int shardOf(IntegrationAccess access) {
    return Math.floorMod(access.integrationId().hashCode(), shards);
  }
}
