-- pgbench script used by bench/run.sh: the gateway's first-page query (limit 20, plus one row to know whether
-- there is a next page), newest first, sent straight to PostgreSQL.
SELECT id, tenant_id, name, type, address, namespace, auth_method, role_id, created_at, updated_at, version
FROM vault_integrations WHERE tenant_id = 'bench' ORDER BY created_at DESC, id DESC LIMIT 21;
