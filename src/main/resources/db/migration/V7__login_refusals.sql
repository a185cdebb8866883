-- When Vault refuses an integration's AppRole login for invalid credentials, the gateway records which version of
-- the integration was refused and until when it may be tried again, so that no instance sends the same wrong
-- credentials again (Vault and OpenBao lock an AppRole out after a few wrong secret_ids). Any change to the
-- integration makes a new version, which may be tried at once.
ALTER TABLE vault_integrations
    ADD COLUMN refused_version       bigint,
    ADD COLUMN refused_until         timestamptz,
    ADD COLUMN last_refused_login_at timestamptz;
