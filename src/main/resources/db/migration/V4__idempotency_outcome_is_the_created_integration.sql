-- The outcome of an Idempotency-Key create is now the integration it created, written by the very statement
-- that inserts the integration, so no crash can separate the two (a replay after a crash answers the original
-- 201). It is kept as the row's columns in JSON (without the secret_id ciphertext), read back with
-- jsonb_populate_record.
ALTER TABLE idempotency_keys ADD COLUMN created_integration jsonb;

-- Outcomes recorded before this version (or, during a rolling upgrade, by instances still running it) hold the
-- rendered response instead; this reads one into the same shape. The response_* columns stay until no instance
-- of the earlier version can be running.
CREATE FUNCTION legacy_created_integration(body text, tenant text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'id', b->>'id', 'tenant_id', tenant, 'name', b->>'name', 'type', b->>'type', 'address', b->>'address',
    'namespace', b->'namespace', 'auth_method', b->>'authMethod', 'role_id', b->>'roleId',
    'auth_mount', b->>'authMount', 'ca_certificate', b->'caCertificate', 'tls_server_name', b->'tlsServerName',
    'last_test_ok', b->'lastTest'->'ok', 'last_test_code', b->'lastTest'->'code',
    'last_test_checked_at', b->'lastTest'->'checkedAt', 'created_at', b->'createdAt', 'updated_at', b->'updatedAt',
    'version', 1)
  FROM (SELECT body::jsonb AS b) AS response
$$;
