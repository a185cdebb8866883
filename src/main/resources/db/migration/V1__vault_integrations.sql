-- Vault integrations registered by customers. The AppRole secret_id is stored only as Tink AEAD ciphertext,
-- bound (associated data) to tenant_id and id.
CREATE TABLE vault_integrations (
    id                   uuid        PRIMARY KEY,
    tenant_id            text        NOT NULL,
    name                 text        NOT NULL,
    type                 text        NOT NULL CHECK (type = 'hashicorp'),
    address              text        NOT NULL,
    namespace            text,
    auth_method          text        NOT NULL CHECK (auth_method = 'approle'),
    role_id              text        NOT NULL,
    secret_id_ciphertext bytea       NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT vault_integrations_tenant_name_key UNIQUE (tenant_id, name)
);

-- Newest-first listing per tenant.
CREATE INDEX vault_integrations_tenant_created_idx ON vault_integrations (tenant_id, created_at DESC, id DESC);
