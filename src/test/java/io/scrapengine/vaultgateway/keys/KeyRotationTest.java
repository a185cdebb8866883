package io.scrapengine.vaultgateway.keys;

import io.scrapengine.vaultgateway.crypto.DataKeyset;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.SecretCipher;
import io.scrapengine.vaultgateway.crypto.TinkSecretCipher;
import io.scrapengine.vaultgateway.model.keys.StoredCiphertext;
import io.scrapengine.vaultgateway.support.CommandOutput;
import io.scrapengine.vaultgateway.support.Credentials;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.LogCapture;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.scrapengine.vaultgateway.support.TwoGateways;
import io.scrapengine.vaultgateway.support.TestKeys;
import io.scrapengine.vaultgateway.support.vault.EmulatedRole;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

import static io.scrapengine.vaultgateway.support.TestGateway.INTEGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staged rotation, re-encryption and retirement with two live gateway instances (each its own Vert.x, sharing the
 * database and the dev KEK, as instances behind one load balancer do), driven by the {@code keys} commands. A row
 * is "readable" when the connection test of either instance decrypts its secret_id and logs in with it at the
 * emulated Vault.
 */
class KeyRotationTest {

  private static final String TENANT = "tenant-keys";
  private static final String ROLE_ID = "role-id-keys";
  private static final JsonObject CONFIG = new JsonObject()
    .put("crypto", new JsonObject().put("heartbeatSeconds", 1).put("instanceTimeoutSeconds", 10))
    .put("vault", new JsonObject().put("allowedCidrs", LoopbackVault.LOOPBACK_CIDRS));

  private static LogCapture logs;
  private static TwoGateways pair;
  private static TestDatabase database;
  private static Vertx vertxA;
  private static TestGateway a;
  private static TestGateway b;
  private static VaultEmulator vault;
  private static EmulatedRole role;
  private static String token;

  @BeforeAll
  static void start() {
    logs = LogCapture.start();
    pair = TwoGateways.start(CONFIG);
    database = pair.database();
    vertxA = pair.vertx();
    a = pair.a();
    b = pair.b();
    vault = VaultEmulator.start(vertxA);
    AtomicReference<EmulatedRole> created = new AtomicReference<>();
    vault.approle("approle", configured -> created.set(configured.roleId(ROLE_ID)));
    role = created.get();
    token = a.token(TENANT, TestGateway.WRITE);
  }

  @AfterAll
  static void stop() {
    vault.close();
    pair.close();
    logs.close();
  }

  @Test
  void rotatingWithTwoLiveInstancesNeverLeavesARowUnreadable() throws Exception {
    long before = primary();
    List<String> ids = new ArrayList<>(List.of(integration(a, secret()), integration(b, secret())));
    CommandOutput output = new CommandOutput();
    CompletableFuture<Integer> rotation = CompletableFuture.supplyAsync(() -> keys(output, k ->
      k.rotate(Duration.ofSeconds(60))));

    // write on one instance, read on the other, all through the rotation (and a little after)
    int rounds = 0;
    while ((!rotation.isDone() || rounds < 3) && rounds < 300) {
      String viaA = integration(a, secret());
      assertReadable(b, viaA);
      String viaB = integration(b, secret());
      assertReadable(a, viaB);
      ids.add(viaA);
      ids.add(viaB);
      rounds++;
    }

    assertEquals(KeysCommand.OK, rotation.get(120, TimeUnit.SECONDS), output.toString());
    long after = primary();
    assertNotEquals(before, after);
    assertTrue(output.out().contains("key " + after + " is primary"), output.out());
    for (String id : ids) {
      assertReadable(a, id);
      assertReadable(b, id);
    }
    assertTrue(rowsUnder(before) > 0 && rowsUnder(after) > 0, "rows under the old key and under the new one");
    assertEquals(2, database.queryInt("SELECT count(*) FROM keyset_instances"
      + " WHERE keyset_version = (SELECT max(version) FROM data_keysets)"), "both instances loaded the promotion");
  }

  @Test
  void aRotationPromotesOnlyOnceEveryLiveInstanceHoldsTheKeyAndNamesTheOneThatLags() {
    UUID lagging = UUID.randomUUID();
    database.update("INSERT INTO keyset_instances (instance_id, host, pid, keyset_version, key_ids, primary_key_id,"
      + " started_at, seen_at) VALUES (?, 'lagging-host', 4242, 1, '{}', NULL, now(), now())", lagging);
    long before = primary();
    CommandOutput first = new CommandOutput();

    int timedOut = keys(first, k -> k.rotate(Duration.ofSeconds(2)));

    assertEquals(KeysCommand.TIMED_OUT, timedOut, first.toString());
    assertTrue(first.err().contains("lagging-host (pid 4242"), first.err());
    long added = Long.parseLong(database.queryString("SELECT changed_key_id::text FROM data_keysets"
      + " WHERE change = 'add-key' ORDER BY version DESC LIMIT 1"));
    assertEquals(before, primary(), "not promoted while an instance lacks the key");
    assertReadable(a, integration(b, secret()));

    database.update("DELETE FROM keyset_instances WHERE instance_id = ?", lagging);
    CommandOutput second = new CommandOutput();
    assertEquals(KeysCommand.OK, keys(second, k -> k.rotate(Duration.ofSeconds(60))), second.toString());

    assertTrue(second.out().contains("resuming the rotation that added key " + added), second.out());
    assertEquals(added, primary());
  }

  @Test
  void rewrapNeverOverwritesASecretIdChangedMeanwhile() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      String secret = secret();
      secrets.put(integration(a, secret), secret);
    }
    assertEquals(KeysCommand.OK, keys(new CommandOutput(), k -> k.rotate(Duration.ofSeconds(60))));
    String patched = new ArrayList<>(secrets.keySet()).get(1);

    try (KeysRuntime runtime = KeysRuntime.start(a.config())) {
      DataKeyset keyset = new KeysetEditor(runtime.store(), runtime.kek()).latest();
      Rewrapper rewrapper = new Rewrapper(runtime.store(), keyset);
      Rewrapper.Batch batch = rewrapper.next(StoredCiphertext.Kind.INTEGRATION_SECRET_ID, null, 10_000);
      assertTrue(batch.replacements().stream().anyMatch(r -> r.current().rowKey().equals(patched)));

      // between the rewrap's read and its write, a client rotates one secret_id
      String rotated = secret();
      HttpResponse<Buffer> response = b.patch(INTEGRATIONS + "/" + patched, token, null,
        new JsonObject().put("config", new JsonObject().put("secretId", rotated)));
      assertEquals(200, response.statusCode(), response.bodyAsString());
      secrets.put(patched, rotated);

      int replaced = rewrapper.apply(batch);

      assertEquals(batch.replacements().size() - 1, replaced, "every row but the patched one");
      SecretCipher cipher = TinkSecretCipher.create(keyset.keyset());
      for (Map.Entry<String, String> entry : secrets.entrySet()) {
        assertEquals(entry.getValue(), stored(cipher, entry.getKey()), "the newest secret_id of " + entry.getKey());
        assertEquals(keyset.primaryKeyId(), keyIdOf(entry.getKey()));
      }
    }
  }

  @Test
  void rewrapWhileServingLosesNoUpdate() throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      String secret = secret();
      secrets.put(integration(i % 2 == 0 ? a : b, secret), secret);
    }
    // Idempotency-Key records: one carrying a secret_id (under the old key), one of a credential (no secret)
    String admin = a.token(TENANT, TestGateway.WRITE + " " + Credentials.WRITE);
    JsonObject keyed = Integrations.atVault("keys-keyed-" + UUID.randomUUID(), vault.url(), ROLE_ID, secret());
    assertEquals(201, a.request(HttpMethod.POST, INTEGRATIONS).bearerTokenAuthentication(admin)
      .putHeader("Idempotency-Key", UUID.randomUUID().toString()).sendJsonObject(keyed).await().statusCode());
    String first = secrets.keySet().iterator().next();
    assertEquals(201, a.request(HttpMethod.POST, Credentials.PATH).bearerTokenAuthentication(admin)
      .putHeader("Idempotency-Key", UUID.randomUUID().toString())
      .sendJsonObject(Credentials.body("keys-cred-" + UUID.randomUUID(), first, "secret/app")).await().statusCode());
    assertEquals(KeysCommand.OK, keys(new CommandOutput(), k -> k.rotate(Duration.ofSeconds(60))));
    CommandOutput output = new CommandOutput();
    CompletableFuture<Integer> rewrap = CompletableFuture.supplyAsync(() -> keys(output, k -> k.rewrap(2)));

    int round = 0;
    while (!rewrap.isDone() && round < 5) {
      for (String id : secrets.keySet()) {
        String next = secret();
        HttpResponse<Buffer> patched = (round % 2 == 0 ? a : b).patch(INTEGRATIONS + "/" + id, token, null,
          new JsonObject().put("config", new JsonObject().put("secretId", next)));
        assertEquals(200, patched.statusCode(), patched.bodyAsString());
        secrets.put(id, next);
      }
      round++;
    }

    assertEquals(KeysCommand.OK, rewrap.get(120, TimeUnit.SECONDS), output.toString());
    assertTrue(output.out().contains("re-encrypted"), output.out());
    assertTrue(output.out().contains("Idempotency-Key records: 1 re-encrypted"), output.out());
    CommandOutput status = new CommandOutput();
    assertEquals(KeysCommand.OK, keys(status, KeysCommand::status));
    assertFalse(status.out().contains("MISSING"), "a record without a secret names no key: " + status.out());
    SecretCipher cipher = TestKeys.cipher(vertxA, a, database);
    for (Map.Entry<String, String> entry : secrets.entrySet()) {
      assertEquals(entry.getValue(), stored(cipher, entry.getKey()), "the last PATCH of " + entry.getKey() + " stays");
      assertReadable(b, entry.getKey());
    }
  }

  @Test
  void aKeyIsRetiredOnlyWhenItIsNotPrimaryAndNothingUsesIt() {
    String id = integration(a, secret());
    // both instances now hold a Vault session for it, with the secret_id as it was stored under the old key
    assertReadable(a, id);
    assertReadable(b, id);
    long old = primary();
    assertEquals(KeysCommand.OK, keys(new CommandOutput(), k -> k.rotate(Duration.ofSeconds(60))));
    long current = primary();

    CommandOutput inUse = new CommandOutput();
    assertEquals(KeysCommand.FAILED, keys(inUse, k -> k.retire(old)), inUse.toString());
    assertTrue(inUse.err().contains("still use key " + old) && inUse.err().contains("keys rewrap"), inUse.err());
    CommandOutput isPrimary = new CommandOutput();
    assertEquals(KeysCommand.FAILED, keys(isPrimary, k -> k.retire(current)));
    assertTrue(isPrimary.err().contains("is the primary key"), isPrimary.err());
    CommandOutput unknown = new CommandOutput();
    assertEquals(KeysCommand.FAILED, keys(unknown, k -> k.retire(12345)));
    assertTrue(unknown.err().contains("holds no key 12345"), unknown.err());
    assertTrue(latestKeyIds().contains(old), "nothing was removed");

    assertEquals(KeysCommand.OK, keys(new CommandOutput(), k -> k.rewrap(KeysCommand.DEFAULT_BATCH_SIZE)));
    CommandOutput retired = new CommandOutput();
    assertEquals(KeysCommand.OK, keys(retired, k -> k.retire(old)), retired.toString());

    assertFalse(latestKeyIds().contains(old));
    // the sessions take the re-encrypted secret_id (same version) and never need the retired key
    assertReadable(a, id);
    assertReadable(b, id);
  }

  @Test
  void statusNamesTheKeysTheirUseAndEveryLiveInstance() {
    integration(a, secret());
    CommandOutput output = new CommandOutput();

    assertEquals(KeysCommand.OK, keys(output, KeysCommand::status), output.toString());

    String out = output.out();
    long primary = primary();
    assertTrue(out.matches("(?s).*\\n" + primary + " +primary +[1-9][0-9]* +0\\n.*"), out);
    assertTrue(out.contains("live instances (heard from within 10 s): 2"), out);
    assertEquals(2, out.lines().filter(line -> line.contains("keyset version " + latestVersion() + ", primary "
      + primary)).count(), out);
  }

  @Test
  void noKeyMaterialReachesTheLogsOrTheCommandsOutput() throws Exception {
    integration(a, secret());
    CommandOutput output = new CommandOutput();
    assertEquals(KeysCommand.OK, keys(output, k -> k.rotate(Duration.ofSeconds(60))));
    assertEquals(KeysCommand.OK, keys(output, k -> k.rewrap(KeysCommand.DEFAULT_BATCH_SIZE)));
    assertEquals(KeysCommand.OK, keys(output, KeysCommand::status));

    List<String> material = new ArrayList<>(TestKeys.material(TestKeys.dataKeyset(vertxA, a, database).keyset()));
    String kek = Files.readString(a.dataDir().resolve("dev-kek.json"));
    new JsonObject(kek).getJsonArray("key").forEach(key -> material.add(((JsonObject) key).getJsonObject("keyData")
      .getString("value")));
    List<String> lines = new ArrayList<>(logs.lines());
    lines.add(output.out());
    lines.add(output.err());
    assertTrue(lines.stream().anyMatch(line -> line.contains("data keyset version")), "key changes were logged");
    for (String line : lines) {
      for (String secret : material) {
        assertFalse(line.contains(secret), line);
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private static int keys(CommandOutput output, ToIntFunction<KeysCommand> operation) {
    try (KeysCommand keys = KeysCommand.open(a.config(), output.outStream(), output.errStream())) {
      return operation.applyAsInt(keys);
    }
  }

  private static String secret() {
    String secret = "s-" + UUID.randomUUID();
    role.secretId(secret);
    return secret;
  }

  private static String integration(TestGateway via, String secretId) {
    JsonObject body = Integrations.atVault("keys-" + UUID.randomUUID(), vault.url(), ROLE_ID, secretId);
    return via.create(token, body).getString("id");
  }

  private static void assertReadable(TestGateway via, String id) {
    HttpResponse<Buffer> response = via.request(HttpMethod.POST, INTEGRATIONS + "/" + id + "/test")
      .bearerTokenAuthentication(token).send().await();
    assertEquals(200, response.statusCode(), "integration " + id + ": " + response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getBoolean("ok"), response.bodyAsString());
  }

  private static String stored(SecretCipher cipher, String id) throws Exception {
    byte[] ciphertext = database.queryBytes("SELECT secret_id_ciphertext FROM vault_integrations WHERE id = ?",
      UUID.fromString(id));
    return cipher.decrypt(EncryptionContext.integrationSecretId(TENANT, UUID.fromString(id)), ciphertext).reveal();
  }

  private static long keyIdOf(String id) {
    return Long.parseLong(database.queryString("SELECT secret_id_key_id::text FROM vault_integrations WHERE id = ?",
      UUID.fromString(id)));
  }

  private static long primary() {
    return Long.parseLong(database.queryString(
      "SELECT primary_key_id::text FROM data_keysets ORDER BY version DESC LIMIT 1"));
  }

  private static long latestVersion() {
    return database.queryInt("SELECT max(version)::int FROM data_keysets");
  }

  private static List<Long> latestKeyIds() {
    return TestKeys.latestStored(database).keyIds();
  }

  private static int rowsUnder(long keyId) {
    return database.queryInt("SELECT count(*)::int FROM vault_integrations WHERE secret_id_key_id = ?", keyId);
  }
}
