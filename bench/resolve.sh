# `bash bench/run.sh resolve`, sourced by run.sh after its settings, lib.sh and the cleanup trap (not run on its
# own): the gateway resolving one credential (POST /api/v1/credentials/{id}/resolve) against a direct KV v2 read
# from the same in-repo Vault emulator with a Vault token (GET /v1/secret/data/bench/login), in one run, alternating
# wrk slices; then the AppRole logins the gateway made over the whole run, counted by the emulator and by the
# gateway's audit trail. See bench/README.md, "Resolve".
# shellcheck shell=bash disable=SC2154 # settings, results (R) and helpers come from run.sh and lib.sh

EMULATOR_MAIN=io.scrapengine.vaultgateway.support.vault.EmulatorMain
EMULATOR_CLASS="target/test-classes/${EMULATOR_MAIN//.//}.class"
TEST_CLASSPATH_FILE=target/bench-test-classpath.txt
# shellcheck disable=SC2034 # read by lib.sh's measure_operation
COMPARATOR=direct

# ---------------------------------------------------------------------------------------------------- build
# The gateway jar; the emulator runs from the test classes (it is test code) on the test classpath.
build_emulator() {
  if newer_than "$EMULATOR_CLASS" src pom.xml; then
    log "compiling the test classes for the Vault emulator (mvn -B -q test-compile)"
    timeout 900 mvn -B -q test-compile || die "test-compile failed"
    [[ -f "$EMULATOR_CLASS" ]] || die "test-compile did not produce $EMULATOR_CLASS"
    touch "$EMULATOR_CLASS"  # unchanged classes keep their time; this one stands for the whole compile
  fi
  if newer_than "$TEST_CLASSPATH_FILE" pom.xml; then
    log "resolving the test classpath (mvn dependency:build-classpath)"
    timeout 900 mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$TEST_CLASSPATH_FILE" || die "could not resolve the test classpath"
    [[ -s "$TEST_CLASSPATH_FILE" ]] || die "the test classpath is empty"
  fi
}

# The gateway sits idle while the direct side runs: up to two slices (direct, direct) or one warm-up. A session
# idle longer than VAULT_SESSION_IDLE_SECONDS is revoked, by design, and the next resolve logs in again.
idle_gap=$((2 * SLICE > WARMUP ? 2 * SLICE : WARMUP))
session_idle="${VAULT_SESSION_IDLE_SECONDS:-300}"
if [[ "$session_idle" =~ ^[0-9]+$ ]] && ((idle_gap + 10 >= session_idle)); then
  log "note: the gateway idles up to ${idle_gap}s between its slices, near or past VAULT_SESSION_IDLE_SECONDS" \
    "($session_idle): it may drop its session and log in again; shorten the slices"
fi

require_tools psql pg_isready curl mvn
build_gateway
build_emulator

# ---------------------------------------------------------------------------------------------------- servers
ensure_postgres
create_database

RUN_ID="r$(date +%s)-$$-$RANDOM"
EMULATOR_LOG="$WORK_DIR/emulator.log"

# The gateway may reach a Vault on loopback only because the operator's allow-list says so.
export VAULT_ALLOWED_CIDRS=127.0.0.0/8
start_gateway

VAULT_HTTP_PORT="$(free_port "$VAULT_PORT" "$HTTP_PORT")" ||
  die "no free loopback port in $VAULT_PORT..$((VAULT_PORT + 20))"
VAULT_URL="http://127.0.0.1:$VAULT_HTTP_PORT"
GATEWAY_SECRET_ID="$(cat /proc/sys/kernel/random/uuid)"
DIRECT_SECRET_ID="$(cat /proc/sys/kernel/random/uuid)"
log "starting the Vault emulator on $VAULT_URL"
# shellcheck disable=SC2086 # EMULATOR_JAVA_OPTS is a list of options
EMULATOR_GATEWAY_SECRET_ID="$GATEWAY_SECRET_ID" EMULATOR_DIRECT_SECRET_ID="$DIRECT_SECRET_ID" \
  java $EMULATOR_JAVA_OPTS -cp "target/test-classes:target/classes:$(cat "$TEST_CLASSPATH_FILE")" "$EMULATOR_MAIN" \
  --port "$VAULT_HTTP_PORT" >"$EMULATOR_LOG" 2>&1 </dev/null &
EMULATOR_PID=$!
# Ready once it has printed its READY line (it listens a moment before its fixture is in place) and answers.
deadline=$((SECONDS + READY_TIMEOUT))
until READY_LINE="$(grep '^EMULATOR_READY ' "$EMULATOR_LOG" 2>/dev/null | head -n 1)" && [[ -n "$READY_LINE" ]]; do
  kill -0 "$EMULATOR_PID" 2>/dev/null || { tail -n 40 "$EMULATOR_LOG" >&2; die "the Vault emulator failed to start"; }
  ((SECONDS < deadline)) || { tail -n 40 "$EMULATOR_LOG" >&2; die "the Vault emulator printed no EMULATOR_READY line"; }
  sleep 0.5
done
wait_ready "Vault emulator" "$EMULATOR_PID" "$VAULT_URL/v1/sys/health" "$EMULATOR_LOG"
[[ "$(field "$READY_LINE" url)" == "$VAULT_URL" ]] || die "the emulator listens on $(field "$READY_LINE" url), not $VAULT_URL"
for name in approle_mount gateway_role_id direct_role_id secret_path; do
  [[ -n "$(field "$READY_LINE" "$name")" ]] || die "EMULATOR_READY has no $name"
done
SECRET_PATH="$(field "$READY_LINE" secret_path)"
# KV v2: <mount>/data/<key> (the fixture's mount is the path's first segment)
VAULT_READ_PATH="/v1/${SECRET_PATH%%/*}/data/${SECRET_PATH#*/}"

call() { # name expected-status method url token [body-file]: one request by hand; the body goes to WORK_DIR/<name>.out
  local name="$1" expected="$2" method="$3" url="$4" token="$5" body="${6:-}" status
  local options=(-sS -o "$WORK_DIR/$name.out" -D "$WORK_DIR/$name.headers" -w '%{http_code}' --max-time 10
    -X "$method" -H "Authorization: Bearer $token")
  [[ -z "$body" ]] || options+=(-H 'Content-Type: application/json' --data "@$body")
  status="$(curl "${options[@]}" "$url")" || status="000"
  if [[ "$status" != "$expected" ]]; then
    log "$name: $method $url answered $status: $(head -c 500 "$WORK_DIR/$name.out" 2>/dev/null || true)"
    die "$name did not answer $expected; not benchmarking"
  fi
}
created_id() { # name: the id at the end of the Location header of a 201
  sed -n 's|^[Ll]ocation: .*/\([0-9a-f-]\{36\}\)\r\{0,1\}$|\1|p' "$WORK_DIR/$1.headers" | head -n 1
}

mint_token ADMIN_TOKEN "vault-integrations:write credentials:write"
mint_token RESOLVE_TOKEN "credentials:resolve"

# The integration: the emulator's address and the gateway's role. Bodies go through files, so that the secret_id
# is in no process list.
printf '{"name":"%s-integration","type":"hashicorp","config":{"address":"%s","authMethod":"approle","authMount":"%s","roleId":"%s","secretId":"%s"}}' \
  "$RUN_ID" "$VAULT_URL" "$(field "$READY_LINE" approle_mount)" "$(field "$READY_LINE" gateway_role_id)" \
  "$GATEWAY_SECRET_ID" >"$WORK_DIR/integration.json"
call integration 201 POST "$BASE_URL/api/v1/vault-integrations" "$ADMIN_TOKEN" "$WORK_DIR/integration.json"
INTEGRATION_ID="$(created_id integration)"
[[ -n "$INTEGRATION_ID" ]] || die "the integration's 201 has no Location with an id"
printf '{"name":"%s-credential","integrationId":"%s","path":"%s"}' "$RUN_ID" "$INTEGRATION_ID" "$SECRET_PATH" \
  >"$WORK_DIR/credential.json"
call credential 201 POST "$BASE_URL/api/v1/credentials" "$ADMIN_TOKEN" "$WORK_DIR/credential.json"
CREDENTIAL_ID="$(created_id credential)"
[[ -n "$CREDENTIAL_ID" ]] || die "the credential's 201 has no Location with an id"
# The first resolve makes the gateway's login: part of the run, so counted.
call resolve-probe 200 POST "$BASE_URL/api/v1/credentials/$CREDENTIAL_ID/resolve" "$RESOLVE_TOKEN"
grep -q '"username":"bench-user"' "$WORK_DIR/resolve-probe.out" ||
  die "the probe resolve did not answer the fixture's username: $(head -c 300 "$WORK_DIR/resolve-probe.out")"

# The direct side: one login of the benchmark's own role, then reads with its token, as a Vault client would.
printf '{"role_id":"%s","secret_id":"%s"}' "$(field "$READY_LINE" direct_role_id)" "$DIRECT_SECRET_ID" \
  >"$WORK_DIR/login.json"
status="$(curl -sS -o "$WORK_DIR/login.out" -w '%{http_code}' --max-time 10 --data "@$WORK_DIR/login.json" \
  "$VAULT_URL/v1/auth/$(field "$READY_LINE" approle_mount)/login")" || status="000"
[[ "$status" == 200 ]] || die "the direct AppRole login answered $status: $(head -c 300 "$WORK_DIR/login.out")"
VAULT_TOKEN="$(grep -o '"client_token":"[^"]*"' "$WORK_DIR/login.out" | head -n 1 | cut -d '"' -f 4)"
[[ -n "$VAULT_TOKEN" ]] || die "the direct AppRole login answered no client_token"
printf 'X-Vault-Token: %s\n' "$VAULT_TOKEN" >"$WORK_DIR/vault-token.header"
status="$(curl -sS -o "$WORK_DIR/read-probe.out" -w '%{http_code}' --max-time 10 -H "@$WORK_DIR/vault-token.header" \
  "$VAULT_URL$VAULT_READ_PATH")" || status="000"
[[ "$status" == 200 ]] || die "the direct read answered $status: $(head -c 300 "$WORK_DIR/read-probe.out")"
grep -q '"username":"bench-user"' "$WORK_DIR/read-probe.out" || die "the direct read did not answer the fixture's username"

# ---------------------------------------------------------------------------------------------------- measuring
LOAD_BEFORE="$(load_average)"

# What lib.sh's measure_operation needs: the gateway's resolve against the direct read.
server_url() { if [[ "$1" == gateway ]]; then echo "$BASE_URL"; else echo "$VAULT_URL"; fi; }
server_pid() { if [[ "$1" == gateway ]]; then echo "$SERVICE_PID"; else echo "$EMULATOR_PID"; fi; }
server_token() { if [[ "$1" == gateway ]]; then echo "$RESOLVE_TOKEN"; else echo "$VAULT_TOKEN"; fi; }
wrk_mode() { if [[ "$1" == gateway ]]; then echo resolve; else echo vault-read; fi; }

measure_operation resolve "$WARMUP"
kill -0 "$EMULATOR_PID" 2>/dev/null || die "the Vault emulator exited during the run"

# ---------------------------------------------------------------------------------------------------- counting
LOAD_AFTER="$(load_average)"
# The gateway first (its shutdown revokes its token, which is no login), then the emulator, which prints its
# counts as it stops; the audit trail stays in the database until cleanup.
stop_service
stop_emulator
COUNTS_LINE="$(grep '^EMULATOR_COUNTS ' "$EMULATOR_LOG" | tail -n 1)" || true
for name in requests gateway_logins direct_logins; do
  R["emulator.$name"]="$(field "$COUNTS_LINE" "$name")"
  [[ -n "${R["emulator.$name"]}" ]] || R["emulator.$name"]="?"
done
audit_count() { # action: the audit events of the integration with that action
  timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT count(*) FROM audit_events
    WHERE tenant_id = '$TENANT' AND integration_id = '$INTEGRATION_ID' AND action = '$1'" 2>/dev/null || echo "?"
}
R[audit.logins]="$(audit_count session.login)"
R[audit.resolves]="$(audit_count credential.resolve)"

# ---------------------------------------------------------------------------------------------------- summary
commit="$(source_commit src schemas conf pom.xml bench)"
problems=()
FAILED_TOTAL=$((${R[resolve.gateway.failures]} + ${R[resolve.direct.failures]}))
((FAILED_TOTAL == 0)) || problems+=("$FAILED_TOTAL measured requests failed")
if [[ "${R[emulator.requests]}" == "?" || "${R[emulator.gateway_logins]}" == "?" ]]; then
  problems+=("the emulator printed no counts (EMULATOR_COUNTS); see ${RESULTS_DIR#"$ROOT"/}/emulator.log")
elif ((${R[emulator.requests]} < ${R[resolve.gateway.ok]} + ${R[resolve.direct.ok]})); then
  # every 200 of either side needs a read of the emulator: fewer requests than 200s means something answered
  # without reading
  problems+=("the emulator answered ${R[emulator.requests]} requests, fewer than the $((${R[resolve.gateway.ok]} + \
${R[resolve.direct.ok]})) 200s measured")
fi
if [[ "${R[audit.resolves]}" == "?" || "${R[audit.logins]}" == "?" ]]; then
  problems+=("could not count the audit events")
elif ((${R[audit.resolves]} < ${R[resolve.gateway.ok]})); then
  problems+=("${R[resolve.gateway.ok]} resolves answered 200 but only ${R[audit.resolves]} were audited")
fi

# Each target: 1 when met. Missing one is reported; only failed requests and missing counts fail the run.
declare -A MET=()
MET[ratio]="$(calc 'print ((a != "n/a" && a + 0 >= b) ? 1 : 0)' "${R[resolve.ratio]}" "$TARGET_RATIO_resolve")"
MET[logins]=0
if [[ "${R[emulator.gateway_logins]}" =~ ^[0-9]+$ && "${R[audit.logins]}" =~ ^[0-9]+$ ]] &&
  ((${R[emulator.gateway_logins]} <= TARGET_LOGINS && ${R[audit.logins]} <= TARGET_LOGINS)); then
  MET[logins]=1
fi
MET[failed]=$((FAILED_TOTAL == 0 ? 1 : 0))
met_count=$((MET[ratio] + MET[logins] + MET[failed]))

summary="$(
  printf '=== Vault Gateway benchmark: resolve, %s ===\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'commit %s; %s CPU cores; load average before %s, after %s\n' "$commit" "$CORES" "$LOAD_BEFORE" "$LOAD_AFTER"
  printf 'wrk: %s connections, %s threads; each side %s x %s s, alternating, after %s s of warm-up each\n' \
    "$CONNECTIONS" "$THREADS" "$SLICES" "$SLICE" "$WARMUP"
  printf 'gateway: %s instances, one shared pool of %s; Vault: the in-repo emulator (test sources), %s\n' \
    "$GATEWAY_INSTANCES" "$GATEWAY_POOL_SIZE" "$VAULT_URL"
  printf 'gateway: POST /api/v1/credentials/{id}/resolve (%s); direct: GET %s with X-Vault-Token\n\n' \
    "$SECRET_PATH" "$VAULT_READ_PATH"

  printf 'throughput (wrk)   gateway req/s   direct req/s   gateway/direct  target\n'
  printf '%-17s %13s %14s   %14s  >= %s %s\n' resolve "${R[resolve.gateway.rps]}" "${R[resolve.direct.rps]}" \
    "${R[resolve.ratio]}" "$TARGET_RATIO_resolve" "$(met_text "${MET[ratio]}")"

  printf '\nlatency (wrk, ms, worst slice)   p50      p90      p99      max\n'
  for server in gateway direct; do
    printf '%-7s %-22s %8s %8s %8s %8s\n' resolve "$server" "${R[resolve.$server.p50_ms]}" \
      "${R[resolve.$server.p90_ms]}" "${R[resolve.$server.p99_ms]}" "${R[resolve.$server.max_ms]}"
  done

  printf '\nAppRole logins over the whole run (set-up, probes, warm-up and slices)\n'
  printf "  the gateway's integration: %s counted by the emulator, %s audited (session.login)  <= %s %s\n" \
    "${R[emulator.gateway_logins]}" "${R[audit.logins]}" "$TARGET_LOGINS" "$(met_text "${MET[logins]}")"
  printf "  the benchmark's direct login: %s\n" "${R[emulator.direct_logins]}"

  printf '\nfailed requests (unexpected status, socket error or timeout)\n'
  for server in gateway direct; do
    key="resolve.$server"
    printf '%-7s %-8s %s of %s (by status %s; socket errors %s; timeouts %s)\n' resolve "$server" \
      "${R[$key.failures]}" "${R[$key.responses]}" "${R[$key.statuses]}" "${R[$key.socket_errors]}" \
      "${R[$key.timeouts]}"
    [[ -z "${R[$key.first_error]:-}" ]] || printf '                 first: %s\n' "${R[$key.first_error]}"
  done
  printf 'emulator: %s requests answered in all; audit: %s credential.resolve events for %s measured 200s\n' \
    "${R[emulator.requests]}" "${R[audit.resolves]}" "${R[resolve.gateway.ok]}"

  printf '\ntargets: resolve >= %s of the direct read; logins <= %s per integration; 0 failed requests (%s)\n' \
    "$TARGET_RATIO_resolve" "$TARGET_LOGINS" "$(met_text "${MET[failed]}")"
  result_line "$met_count" 3 "${problems[@]}"
)"

publish_summary "$summary" resolve.txt

((${#problems[@]} == 0)) || exit 1
