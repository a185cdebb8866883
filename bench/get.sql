-- pgbench script used by bench/run.sh: the gateway's GET-by-id query (store/IntegrationRepository.java), sent
-- straight to PostgreSQL, for a random one of the ids the gateway's GET run used (table bench_ids, made by
-- run.sh; the join that picks it makes the baseline a little slower, which flatters the gateway's ratio
-- slightly).
\set k random(1, :ids)
SELECT v.id, v.tenant_id, v.name, v.type, v.address, v.namespace, v.auth_method, v.role_id, v.created_at,
       v.updated_at, v.version
FROM bench_ids b JOIN vault_integrations v ON v.id = b.id AND v.tenant_id = 'bench'
WHERE b.n = :k;
