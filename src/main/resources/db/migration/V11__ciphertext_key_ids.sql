-- The Tink key id every ciphertext names in its 5-byte prefix (0x01 or 0x00, then the id big-endian), as a
-- column of its own: counting ciphertexts per key (keys status, keys retire) and finding the key ids in use
-- (readiness) then read an index instead of every row. A generated column cannot disagree with the ciphertext,
-- needs no change to the statements that write it, and fills itself in for the rows already stored.
CREATE FUNCTION tink_key_id(ciphertext bytea) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(ciphertext) >= 5 AND get_byte(ciphertext, 0) IN (0, 1)
    THEN (get_byte(ciphertext, 1)::bigint << 24) | (get_byte(ciphertext, 2)::bigint << 16)
       | (get_byte(ciphertext, 3)::bigint << 8) | get_byte(ciphertext, 4)::bigint
  END
$$;

ALTER TABLE vault_integrations
    ADD COLUMN secret_id_key_id bigint GENERATED ALWAYS AS (tink_key_id(secret_id_ciphertext)) STORED;
CREATE INDEX vault_integrations_secret_id_key_idx ON vault_integrations (secret_id_key_id);

ALTER TABLE idempotency_keys
    ADD COLUMN secret_id_key_id bigint GENERATED ALWAYS AS (tink_key_id(secret_id_ciphertext)) STORED;
CREATE INDEX idempotency_keys_secret_id_key_idx ON idempotency_keys (secret_id_key_id);
