-- Optimistic concurrency: every change bumps the version, which clients see as the ETag.
ALTER TABLE vault_integrations ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Idempotency-Key records for POST /vault-integrations, per tenant, kept 24 hours. A row is 'pending' while
-- its first request runs and 'done' with the response to replay once it succeeded. The request's secret_id is
-- kept only as ciphertext (bound to tenant_id and request_id), to tell a replay from a different request.
CREATE TABLE idempotency_keys (
    tenant_id            text        NOT NULL,
    idempotency_key      text        NOT NULL,
    request_id           uuid        NOT NULL,
    fingerprint          bytea       NOT NULL,
    secret_id_ciphertext bytea       NOT NULL,
    state                text        NOT NULL CHECK (state IN ('pending', 'done')),
    response_status      integer,
    response_body        text,
    response_location    text,
    response_etag        text,
    created_at           timestamptz NOT NULL,
    expires_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
