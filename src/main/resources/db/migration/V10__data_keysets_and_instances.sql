-- The data keyset (the Tink AES256-GCM keys that encrypt secrets at rest), stored encrypted under a
-- key-encryption key (a KEK keyset file or the operator's Vault Transit). Every change is a new version, so
-- instances load "the latest version" and operators can see what changed when; older versions stay for
-- restoring backups. The key ids and the primary are kept in clear next to the ciphertext (they are not
-- secret), so that status and readiness need no KEK; instances check them against what they decrypt.
CREATE TABLE data_keysets (
    version          bigint      PRIMARY KEY CHECK (version > 0),
    encrypted_keyset bytea       NOT NULL,
    kek              text        NOT NULL,
    primary_key_id   bigint      NOT NULL,
    key_ids          bigint[]    NOT NULL,
    change           text        NOT NULL CHECK (change IN ('init', 'import', 'add-key', 'promote', 'retire')),
    changed_key_id   bigint      NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- Every new version is announced, so running instances reload at once instead of at their next heartbeat.
CREATE FUNCTION announce_data_keyset() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vault_gateway_data_keyset', NEW.version::text);
  RETURN NEW;
END
$$;

CREATE TRIGGER data_keysets_announce AFTER INSERT ON data_keysets
    FOR EACH ROW EXECUTE FUNCTION announce_data_keyset();

-- What each running instance has loaded, refreshed by a heartbeat. A rotation promotes a new key only once
-- every live instance holds it. keyset_version 0 means "starting, not loaded yet": an instance registers before
-- it reads the keyset, so a rotation that looks at the instances after adding a key either sees it (and waits
-- for it) or is seen by it (it reads the new version).
CREATE TABLE keyset_instances (
    instance_id    uuid        PRIMARY KEY,
    host           text        NOT NULL,
    pid            bigint      NOT NULL,
    keyset_version bigint      NOT NULL,
    key_ids        bigint[]    NOT NULL,
    primary_key_id bigint,
    started_at     timestamptz NOT NULL,
    seen_at        timestamptz NOT NULL
);
