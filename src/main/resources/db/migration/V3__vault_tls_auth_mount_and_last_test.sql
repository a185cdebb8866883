-- Per-integration AppRole mount and TLS trust (a CA bundle and the name to verify), and the outcome of the
-- most recent connection test.
ALTER TABLE vault_integrations
    ADD COLUMN auth_mount           text NOT NULL DEFAULT 'approle',
    ADD COLUMN ca_certificate       text,
    ADD COLUMN tls_server_name      text,
    ADD COLUMN last_test_ok         boolean,
    ADD COLUMN last_test_code       text,
    ADD COLUMN last_test_checked_at timestamptz;
