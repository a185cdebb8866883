-- Credentials: a logical Vault path (<mount>/<key>) in one of the tenant's integrations, and how the answer's
-- names map to keys inside the secret. Nothing secret is stored here: the values are read on demand.
CREATE TABLE credentials (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    name           text        NOT NULL,
    integration_id uuid        NOT NULL REFERENCES vault_integrations (id) ON DELETE RESTRICT,
    path           text        NOT NULL,
    fields         json        NOT NULL, -- json, not jsonb: it keeps the order the client gave
    kv_version     smallint    CHECK (kv_version IN (1, 2)),
    secret_version integer     CHECK (secret_version > 0),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL DEFAULT 1,
    CONSTRAINT credentials_tenant_name_key UNIQUE (tenant_id, name)
);

CREATE INDEX credentials_tenant_created_idx ON credentials (tenant_id, created_at DESC, id DESC);
CREATE INDEX credentials_integration_idx ON credentials (integration_id);

-- An Idempotency-Key may now create a credential too, which has no secret to compare.
ALTER TABLE idempotency_keys
    ALTER COLUMN secret_id_ciphertext DROP NOT NULL,
    ADD COLUMN created_credential jsonb;
