-- Who did what to which integration or credential, with what outcome; never a secret value, token or secret_id.
-- Resolves are stored before they are answered.
CREATE TABLE audit_events (
    id             uuid        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    actor          text,
    action         text        NOT NULL,
    integration_id uuid,
    credential_id  uuid,
    vault_path     text,
    outcome        text        NOT NULL,
    detail         text,
    request_id     text,
    latency_ms     integer     NOT NULL
);

CREATE INDEX audit_events_tenant_idx ON audit_events (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_credential_idx ON audit_events (tenant_id, credential_id, occurred_at DESC, id DESC)
    WHERE credential_id IS NOT NULL;
CREATE INDEX audit_events_integration_idx ON audit_events (tenant_id, integration_id, occurred_at DESC, id DESC)
    WHERE integration_id IS NOT NULL;
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);
