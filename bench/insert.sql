-- pgbench script used by bench/run.sh: the gateway's INSERT (store/IntegrationRepository.java), sent straight
-- to PostgreSQL. Same tenant, same text fields, a 59-byte ciphertext (5-byte Tink prefix + 12-byte nonce +
-- 26-byte secret + 16-byte tag), timestamps from now(), same RETURNING.
--
-- Names are <prefix>-c<client_id>-<n>: run.sh passes -D prefix=<unique per run> -D n=0, and each client
-- counts its own transactions in n (pgbench variables live per client across transactions), so a name never
-- repeats and no transaction hits the unique (tenant_id, name) constraint.
\set n :n + 1
INSERT INTO vault_integrations
  (id, tenant_id, name, type, address, namespace, auth_method, role_id, secret_id_ciphertext,
   created_at, updated_at)
VALUES (gen_random_uuid(), 'bench', :prefix::text || '-c' || :client_id::text || '-' || :n::text, 'hashicorp',
        'https://vault.prod.example.com:8200', 'admin/scrapengine', 'approle',
        '8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11',
        '\x01c7b52e2eac57666fa271907613be93fef95af96245820846ed77149947c37334deedc7f53b9eb3ae09bf5722c142101bfd7c2e96495a235f7e0c'::bytea,
        date_trunc('milliseconds', now()), date_trunc('milliseconds', now()))
RETURNING id, tenant_id, name, type, address, namespace, auth_method, role_id, created_at, updated_at,
          version;
