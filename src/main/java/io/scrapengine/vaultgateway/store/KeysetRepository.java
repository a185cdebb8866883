package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.keys.InstanceHeartbeat;
import io.scrapengine.vaultgateway.model.keys.KeyIdsInUse;
import io.scrapengine.vaultgateway.model.keys.KeyUsage;
import io.scrapengine.vaultgateway.model.keys.KeysetLookup;
import io.scrapengine.vaultgateway.model.keys.LiveInstances;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of key management: versions of the encrypted data keyset, the instances' heartbeats, and which key ids
 * the stored ciphertexts use. It only ever sees the keyset encrypted.
 */
final class KeysetRepository {

  /** The channel migration V10's trigger announces every new version on. */
  static final String ANNOUNCE_CHANNEL = "vault_gateway_data_keyset";
  private static final String PRIMARY_KEY = "data_keysets_pkey";
  private static final String KEYSET_COLUMNS =
    "version, encrypted_keyset, kek, primary_key_id, key_ids, change, changed_key_id, created_at";
  private static final String LATEST =
    "SELECT " + KEYSET_COLUMNS + " FROM data_keysets ORDER BY version DESC LIMIT 1";
  /** A version is written once: two commands racing for the same next version cannot both win. */
  private static final String INSERT = "INSERT INTO data_keysets"
    + " (version, encrypted_keyset, kek, primary_key_id, key_ids, change, changed_key_id)"
    + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING created_at";
  /** Records the beat and answers the newest version; rows of instances gone for a day are cleared on the way. */
  private static final String HEARTBEAT = """
    WITH beat AS (
      INSERT INTO keyset_instances AS i
        (instance_id, host, pid, keyset_version, key_ids, primary_key_id, started_at, seen_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, now())
      ON CONFLICT (instance_id) DO UPDATE SET keyset_version = EXCLUDED.keyset_version,
        key_ids = EXCLUDED.key_ids, primary_key_id = EXCLUDED.primary_key_id, seen_at = now()
      RETURNING 1
    ), cleared AS (
      DELETE FROM keyset_instances WHERE seen_at < now() - interval '1 day'
    )
    SELECT coalesce((SELECT max(version) FROM data_keysets), 0) AS latest FROM beat""";
  private static final String GONE = "DELETE FROM keyset_instances WHERE instance_id = $1";
  private static final String LIVE = """
    SELECT instance_id, host, pid, keyset_version, key_ids, primary_key_id, started_at,
      floor(extract(epoch FROM now() - seen_at))::bigint AS since
    FROM keyset_instances WHERE seen_at > now() - make_interval(secs => $1)
    ORDER BY host, started_at, instance_id""";
  private static final String USAGE = """
    SELECT 'integration' AS kind, coalesce(secret_id_key_id, -1) AS key_id, count(*) AS ciphertexts
    FROM vault_integrations GROUP BY 2
    UNION ALL
    SELECT 'idempotency', coalesce(secret_id_key_id, -1), count(*)
    FROM idempotency_keys WHERE expires_at > now() AND secret_id_ciphertext IS NOT NULL GROUP BY 2""";
  /**
   * The distinct key ids in use, read from the indexes: a skip scan over vault_integrations (one index probe per
   * distinct key, however many rows), and the short-lived Idempotency-Key records as they are.
   */
  private static final String IN_USE = """
    WITH RECURSIVE used(key_id) AS (
      SELECT min(secret_id_key_id) FROM vault_integrations
      UNION ALL
      SELECT (SELECT min(secret_id_key_id) FROM vault_integrations WHERE secret_id_key_id > used.key_id)
      FROM used WHERE used.key_id IS NOT NULL
    )
    SELECT key_id FROM used WHERE key_id IS NOT NULL
    UNION
    SELECT secret_id_key_id FROM idempotency_keys WHERE expires_at > now() AND secret_id_key_id IS NOT NULL""";

  private final Pool pool;

  KeysetRepository(Pool pool) {
    this.pool = pool;
  }

  Future<KeysetLookup> latest() {
    return pool.preparedQuery(LATEST).execute()
      .map(rows -> new KeysetLookup(rows.size() == 0 ? null : toKeyset(rows.iterator().next())))
      .recover(failure -> SqlFailures.failed("read the data keyset", failure));
  }

  /** Fails with {@link ErrorCode#CONFLICT} when that version exists: someone else changed the keyset first. */
  Future<StoredKeyset> insert(StoredKeyset keyset) {
    return pool.preparedQuery(INSERT).execute(Tuple.tuple()
        .addValue(keyset.version())
        .addValue(Buffer.buffer(keyset.encryptedKeyset()))
        .addValue(keyset.kek())
        .addValue(keyset.primaryKeyId())
        .addValue(keyset.keyIds().toArray(Long[]::new))
        .addValue(keyset.change())
        .addValue(keyset.changedKeyId()))
      .recover(failure -> SqlFailures.isUniqueViolation(failure, PRIMARY_KEY)
        ? Future.failedFuture(DomainException.of(ErrorCode.CONFLICT, Subject.KEYRING))
        : SqlFailures.failed("store a data keyset version", failure))
      .map(rows -> new StoredKeyset(keyset.version(), keyset.encryptedKeyset(), keyset.kek(), keyset.primaryKeyId(),
        keyset.keyIds(), keyset.change(), keyset.changedKeyId(),
        rows.iterator().next().getOffsetDateTime("created_at").toInstant()));
  }

  Future<InstanceHeartbeat.Reply> heartbeat(InstanceHeartbeat beat) {
    return pool.preparedQuery(HEARTBEAT).execute(Tuple.tuple()
        .addValue(beat.instanceId())
        .addValue(beat.host())
        .addValue(beat.pid())
        .addValue(beat.keysetVersion())
        .addValue(beat.keyIds().toArray(Long[]::new))
        .addValue(beat.primaryKeyId())
        .addValue(beat.startedAt().atOffset(ZoneOffset.UTC)))
      .map(rows -> new InstanceHeartbeat.Reply(rows.iterator().next().getLong("latest")))
      .recover(failure -> SqlFailures.failed("record a keyset heartbeat", failure));
  }

  Future<Void> gone(InstanceHeartbeat.Gone gone) {
    return pool.preparedQuery(GONE).execute(Tuple.of(gone.instanceId())).<Void>mapEmpty()
      .recover(failure -> SqlFailures.failed("remove a keyset heartbeat", failure));
  }

  Future<LiveInstances> live(LiveInstances.Query query) {
    return pool.preparedQuery(LIVE).execute(Tuple.of(query.withinSeconds()))
      .map(rows -> {
        List<LiveInstances.Instance> instances = new ArrayList<>();
        for (Row row : rows) {
          instances.add(new LiveInstances.Instance(row.getUUID("instance_id"), row.getString("host"),
            row.getLong("pid"), row.getLong("keyset_version"), Arrays.asList(row.getArrayOfLongs("key_ids")),
            row.getLong("primary_key_id"), row.getOffsetDateTime("started_at").toInstant(), row.getLong("since")));
        }
        return new LiveInstances(instances);
      })
      .recover(failure -> SqlFailures.failed("list live instances", failure));
  }

  Future<KeyUsage> usage() {
    return pool.query(USAGE).execute()
      .map(rows -> {
        Map<Long, Long> integrations = new HashMap<>();
        Map<Long, Long> idempotency = new HashMap<>();
        for (Row row : rows) {
          ("integration".equals(row.getString("kind")) ? integrations : idempotency)
            .put(row.getLong("key_id"), row.getLong("ciphertexts"));
        }
        return new KeyUsage(integrations, idempotency);
      })
      .recover(failure -> SqlFailures.failed("count ciphertexts per key", failure));
  }

  Future<KeyIdsInUse> inUse() {
    return pool.preparedQuery(IN_USE).execute()
      .map(rows -> {
        Set<Long> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getLong("key_id")));
        return new KeyIdsInUse(ids);
      })
      .recover(failure -> SqlFailures.failed("find key ids in use", failure));
  }

  private static StoredKeyset toKeyset(Row row) {
    return new StoredKeyset(row.getLong("version"), row.getBuffer("encrypted_keyset").getBytes(),
      row.getString("kek"), row.getLong("primary_key_id"), Arrays.asList(row.getArrayOfLongs("key_ids")),
      row.getString("change"), row.getLong("changed_key_id"),
      row.getOffsetDateTime("created_at").toInstant());
  }
}
