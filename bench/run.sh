#!/usr/bin/env bash
# Benchmark: create, get-by-id and list through the gateway (wrk), each against the same SQL sent straight to
# PostgreSQL (pgbench), in one run, on one fresh database. See bench/README.md.
#
# Settings (environment):
#   DURATION=30        seconds of each measured run (wrk, then pgbench)
#   WARMUP=10          seconds of wrk warm-up before the measured run (its results are discarded)
#   CONNECTIONS=16     wrk connections = pgbench clients
#   THREADS=2          wrk threads = pgbench -j
#   BENCH_PORT=18080   first loopback port tried for the gateway (the next 20 are tried if it is taken)
#   PGPORT=5432        PostgreSQL port on 127.0.0.1; PGUSER (postgres) and PGPASSWORD pass through
#   READY_TIMEOUT=120  seconds to wait for the gateway's /health/ready
#   BENCH_JAVA_OPTS    extra JVM options for the gateway
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
BENCH_PORT="${BENCH_PORT:-18080}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
MAX_UNEXPECTED_PERCENT=1
GOAL_RATIO=0.35
TENANT=bench
JAR=target/vault-gateway.jar
RESULTS_DIR="$BENCH_DIR/results"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for setting in DURATION WARMUP CONNECTIONS THREADS BENCH_PORT READY_TIMEOUT; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a whole number, got '${!setting}'"
done
((DURATION >= 1 && DURATION <= 3600)) || die "DURATION must be 1..3600 seconds"
((WARMUP <= 600)) || die "WARMUP must be at most 600 seconds"
((THREADS >= 1 && CONNECTIONS >= THREADS)) || die "need THREADS >= 1 and CONNECTIONS >= THREADS"
((BENCH_PORT >= 1024 && BENCH_PORT <= 65515)) || die "BENCH_PORT must be 1024..65515"

# Everything goes to this machine's loopback: the gateway and PostgreSQL. DATABASE_URL would win over the PG*
# values inside the gateway, so it must not leak in from the caller's environment.
unset DATABASE_URL
export PGHOST=127.0.0.1
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
[[ "$PGPORT" =~ ^[0-9]+$ ]] || die "PGPORT must be a port number"

# ---------------------------------------------------------------------------------------------------- cleanup
WORK_DIR=""
DB_NAME=""
DB_CREATED=0
SERVICE_PID=""
CHILD_PID=""

# Runs a command in the background and waits for it, so that INT/TERM reach the trap at once (bash defers traps
# while a foreground command runs); cleanup() ends the child.
run_child() { # output-file command...
  local output="$1" status=0
  shift
  "$@" >"$output" 2>&1 </dev/null &
  CHILD_PID=$!
  wait "$CHILD_PID" || status=$?
  CHILD_PID=""
  return "$status"
}

stop_service() {
  [[ -n "$SERVICE_PID" ]] || return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$SERVICE_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
      log "gateway did not stop within 30 s; killing it"
      kill -KILL "$SERVICE_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$CHILD_PID" ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  stop_service
  if [[ -n "$WORK_DIR" && -f "$WORK_DIR/service.log" ]]; then
    mkdir -p "$RESULTS_DIR" && cp "$WORK_DIR/service.log" "$RESULTS_DIR/service.log" 2>/dev/null || true
  fi
  if ((DB_CREATED)); then
    timeout 60 psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 ||
      log "could not drop database $DB_NAME; drop it by hand"
  fi
  if [[ -n "$WORK_DIR" ]]; then
    rm -rf "$WORK_DIR"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------- tools
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq >/dev/null && timeout 300 apt-get install -y -qq wrk >/dev/null ||
    die "could not install wrk (apt-get install wrk)"
fi
for tool in java pgbench psql pg_isready curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

# ---------------------------------------------------------------------------------------------------- build
needs_build=0
if [[ ! -f "$JAR" ]]; then
  needs_build=1
else
  for source in src schemas conf pom.xml; do
    if [[ -e "$source" ]] && [[ -n "$(find "$source" -newer "$JAR" -print -quit)" ]]; then
      needs_build=1
      break
    fi
  done
fi
if ((needs_build)); then
  log "building $JAR (mvn -B -q package -DskipTests)"
  timeout 900 mvn -B -q package -DskipTests || die "build failed"
  [[ -f "$JAR" ]] || die "the build did not produce $JAR"
fi

# ---------------------------------------------------------------------------------------------------- PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT"; then
  cluster_version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$cluster_version" ]] || die "PostgreSQL is not running on 127.0.0.1:$PGPORT and no cluster is in /etc/postgresql"
  log "starting PostgreSQL $cluster_version/main"
  timeout 120 pg_ctlcluster --skip-systemctl-redirect "$cluster_version" main start ||
    log "pg_ctlcluster did not report success; waiting anyway"
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p "$PGPORT" || die "PostgreSQL did not come up on 127.0.0.1:$PGPORT"
fi

DB_NAME="vg_bench_$$"
timeout 60 psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null ||
  die "could not create database $DB_NAME"
DB_CREATED=1
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")"
SERVICE_LOG="$WORK_DIR/service.log"

# ---------------------------------------------------------------------------------------------------- gateway
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
HTTP_PORT=""
for candidate in $(seq "$BENCH_PORT" $((BENCH_PORT + 20))); do
  if ! port_taken "$candidate"; then
    HTTP_PORT="$candidate"
    break
  fi
done
[[ -n "$HTTP_PORT" ]] || die "no free loopback port in $BENCH_PORT..$((BENCH_PORT + 20))"
BASE_URL="http://127.0.0.1:$HTTP_PORT"

export APP_PROFILE=dev
export HTTP_HOST=127.0.0.1
# one tenant sends everything: the per-tenant rate limits would measure themselves, not the service
export RATE_LIMITS_ENABLED="${RATE_LIMITS_ENABLED:-false}"
export HTTP_PORT
export PGDATABASE="$DB_NAME"
export DATA_DIR="$WORK_DIR/data"

log "starting the gateway on $BASE_URL (database $DB_NAME)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
java $BENCH_JAVA_OPTS -jar "$JAR" >"$SERVICE_LOG" 2>&1 </dev/null &
SERVICE_PID=$!

ready=0
deadline=$((SECONDS + READY_TIMEOUT))
while ((SECONDS < deadline)); do
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "the gateway exited during start-up; last lines of its log:"
    tail -n 40 "$SERVICE_LOG" >&2 || true
    die "gateway failed to start"
  fi
  if curl -fsS -o /dev/null --max-time 2 "$BASE_URL/health/ready" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
if ((!ready)); then
  log "the gateway was not ready within $READY_TIMEOUT s; last lines of its log:"
  tail -n 40 "$SERVICE_LOG" >&2 || true
  die "gateway not ready"
fi
log "gateway ready"

TOKEN="$(timeout 120 java -jar "$JAR" token --tenant "$TENANT" --scope "vault-integrations:write" \
  2>"$WORK_DIR/token.log" </dev/null)" || {
  tail -n 20 "$WORK_DIR/token.log" >&2 || true
  die "could not mint a token"
}
[[ -n "$TOKEN" ]] || die "the token command printed nothing"

RUN_ID="r$(date +%s)-$$-$RANDOM"

# One request by hand, so that a broken setup fails here with a readable answer rather than as 100% errors.
probe_status="$(curl -sS -o "$WORK_DIR/probe.json" -w '%{http_code}' --max-time 10 \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data "{\"name\":\"$RUN_ID-probe\",\"type\":\"hashicorp\",\"config\":{\"address\":\"https://vault.prod.example.com:8200\",\"namespace\":\"admin/scrapengine\",\"authMethod\":\"approle\",\"roleId\":\"8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11\",\"secretId\":\"s.xxxxxxxxxxxxxxxxxxxxxxxx\"}}" \
  "$BASE_URL/api/v1/vault-integrations")" || probe_status="000"
if [[ "$probe_status" != 201 ]]; then
  kill -0 "$SERVICE_PID" 2>/dev/null || log "the gateway process (pid $SERVICE_PID) is gone; see $RESULTS_DIR/service.log"
  log "probe POST answered $probe_status: $(head -c 500 "$WORK_DIR/probe.json" 2>/dev/null || true)"
  die "the create endpoint does not answer 201; not benchmarking"
fi

# ---------------------------------------------------------------------------------------------------- measuring
declare -A R=()  # results: R[<operation>.<field>]

run_wrk() { # mode phase seconds output-file [extra wrk options]
  local mode="$1" phase="$2" seconds="$3" output="$4"
  shift 4
  BENCH_MODE="$mode" BENCH_TOKEN="$TOKEN" BENCH_PREFIX="$RUN_ID-$phase" BENCH_IDS="$WORK_DIR/ids.txt" \
    run_child "$output" timeout $((seconds + 60)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" \
    --timeout 10s "$@" -s "$BENCH_DIR/gateway.lua" "$BASE_URL" || {
    cat "$output" >&2 || true
    die "wrk ($mode, $phase) failed"
  }
  kill -0 "$SERVICE_PID" 2>/dev/null || {
    cat "$output" >&2 || true
    die "the gateway process exited during wrk ($mode, $phase); see $RESULTS_DIR/service.log"
  }
}

measure_gateway() { # mode warm-up-seconds: fills R[mode.*] from create/get/list through the gateway
  local mode="$1" warmup="$2" output result_line socket_errors
  if ((warmup > 0)); then
    log "$mode: warm-up, wrk ${warmup}s, $CONNECTIONS connections, $THREADS threads (discarded)"
    run_wrk "$mode" "warmup-$mode" "$warmup" "$WORK_DIR/wrk-$mode-warmup.txt"
  fi
  log "$mode: measuring the gateway, wrk ${DURATION}s, $CONNECTIONS connections, $THREADS threads"
  run_wrk "$mode" "measured-$mode" "$DURATION" "$WORK_DIR/wrk-$mode.txt" --latency
  output="$(cat "$WORK_DIR/wrk-$mode.txt")"
  printf '%s\n' "$output" >&2
  result_line="$(grep '^BENCH_RESULT ' <<<"$output" | tail -n 1)" || true
  [[ -n "$result_line" ]] || die "wrk ($mode) printed no BENCH_RESULT line"
  local name
  for name in responses rps ok unexpected non2xx p50_ms p90_ms p99_ms max_ms statuses timeouts \
    connect_errors read_errors write_errors; do
    R[$mode.$name]="$(tr ' ' '\n' <<<"$result_line" | sed -n "s/^$name=//p" | head -n 1)"
    [[ -n "${R[$mode.$name]}" ]] || die "BENCH_RESULT ($mode) has no $name"
  done
  socket_errors=$((R[$mode.connect_errors] + R[$mode.read_errors] + R[$mode.write_errors]))
  R[$mode.socket_errors]="$socket_errors"
  R[$mode.first_error]="$(grep '^BENCH_FIRST_ERROR ' <<<"$output" | head -n 1 | cut -c 19-)" || true
  R[$mode.failures]=$((R[$mode.unexpected] + socket_errors))
  R[$mode.failure_pct]="$(awk -v f="${R[$mode.failures]}" -v a="$((R[$mode.responses] + socket_errors))" \
    'BEGIN { printf "%.2f", (a > 0 ? 100 * f / a : 100) }')"
}

measure_pgbench() { # operation script [extra pgbench options]: fills R[operation.tps]
  local operation="$1" script="$2" status=0 tps failed
  shift 2
  log "$operation: measuring PostgreSQL alone, pgbench ${DURATION}s, $CONNECTIONS clients, -j $THREADS"
  run_child "$WORK_DIR/pgbench-$operation.txt" timeout $((DURATION + 120)) pgbench -n -M prepared \
    -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" "$@" -f "$BENCH_DIR/$script" "$DB_NAME" || status=$?
  cat "$WORK_DIR/pgbench-$operation.txt" >&2
  ((status == 0)) || die "pgbench ($operation) failed (exit $status)"
  tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$WORK_DIR/pgbench-$operation.txt" |
    head -n 1)"
  [[ -n "$tps" ]] || die "could not read tps from pgbench's output ($operation)"
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK_DIR/pgbench-$operation.txt" |
    head -n 1)"
  R[$operation.tps]="$(awk -v t="$tps" 'BEGIN { printf "%.2f", t }')"
  R[$operation.pg_failed]="${failed:-0}"
  R[$operation.ratio]="$(awk -v s="${R[$operation.rps]}" -v p="${R[$operation.tps]}" \
    'BEGIN { if (p > 0) printf "%.2f", s / p; else print "n/a" }')"
}

# create: the gateway's POST, then the same INSERT through pgbench
measure_gateway create "$WARMUP"
# Rows the measured run left in the table: at least one per 201, or the 201s were not real.
sleep 1
R[create.rows]="$(timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT count(*) FROM vault_integrations
  WHERE tenant_id = '$TENANT' AND name LIKE '$RUN_ID-measured-create-%'")" || die "could not count the inserted rows"
measure_pgbench create insert.sql -D prefix="$RUN_ID-pgbench" -D n=0

# get: ids of rows the create runs made, for the gateway and (as table bench_ids) for pgbench
timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT id FROM vault_integrations WHERE tenant_id = '$TENANT'
  ORDER BY random() LIMIT 1000" >"$WORK_DIR/ids.txt" || die "could not pick ids for the GET run"
ID_COUNT="$(grep -c . "$WORK_DIR/ids.txt")"
((ID_COUNT > 0)) || die "no rows to read back"
timeout 60 psql -X -q -v ON_ERROR_STOP=1 -d "$DB_NAME" \
  -c "CREATE TABLE bench_ids (n serial PRIMARY KEY, id uuid NOT NULL)" \
  -c "\\copy bench_ids (id) FROM '$WORK_DIR/ids.txt'" >/dev/null || die "could not load bench_ids"
READ_WARMUP=$(((WARMUP + 1) / 2))
measure_gateway get "$READ_WARMUP"
measure_pgbench get get.sql -D ids="$ID_COUNT"

# list: the newest page of 20 (the tenant holds every row made above)
measure_gateway list "$READ_WARMUP"
measure_pgbench list list.sql

stop_service

# ---------------------------------------------------------------------------------------------------- summary
goal_met="$(awk -v r="${R[create.ratio]}" -v g="$GOAL_RATIO" \
  'BEGIN { print (r != "n/a" && r + 0 >= g) ? "met" : "NOT met" }')"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain -- src schemas conf pom.xml 2>/dev/null)" ]]; then
  commit="$commit (+ uncommitted changes)"
fi

verdict="OK"
for operation in create get list; do
  too_many="$(awk -v p="${R[$operation.failure_pct]}" -v m="$MAX_UNEXPECTED_PERCENT" 'BEGIN { print (p > m) ? 1 : 0 }')"
  if ((too_many)); then
    verdict="FAILED: ${R[$operation.failure_pct]}% of $operation requests failed (limit ${MAX_UNEXPECTED_PERCENT}%)"
  elif ((R[$operation.failures] > 0)) && [[ "$verdict" == OK ]]; then
    verdict="OK, but with errors: ${R[$operation.failures]} $operation requests failed"
  fi
done
if [[ "$verdict" != FAILED* ]] && ((R[create.rows] < R[create.ok])); then
  verdict="FAILED: ${R[create.ok]} responses were 201 but only ${R[create.rows]} rows are in the table"
fi

describe() { # operation "what the gateway did" "what pgbench did"
  local op="$1"
  printf '%-7s service  %10s req/s  p50 %6s ms  p90 %6s ms  p99 %6s ms  max %7s ms   %s\n' "$op" \
    "${R[$op.rps]}" "${R[$op.p50_ms]}" "${R[$op.p90_ms]}" "${R[$op.p99_ms]}" "${R[$op.max_ms]}" "$2"
  printf '        errors   %s of %s (%s%%; by status %s; socket errors %s; timeouts %s)\n' \
    "${R[$op.failures]}" "${R[$op.responses]}" "${R[$op.failure_pct]}" "${R[$op.statuses]}" \
    "${R[$op.socket_errors]}" "${R[$op.timeouts]}"
  if [[ -n "${R[$op.first_error]}" ]]; then
    printf '        first    %s\n' "${R[$op.first_error]}"
  fi
  printf '        pgbench  %10s tps    (%s; failed transactions %s)\n' "${R[$op.tps]}" "$3" "${R[$op.pg_failed]}"
  printf '        ratio    %s  (service req/s / pgbench tps)\n' "${R[$op.ratio]}"
}

summary="$(
  printf '=== Vault Gateway benchmark, %s ===\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'commit %s; %s CPU cores; %s connections/clients, %s threads; %s s measured per operation\n' \
    "$commit" "$(nproc 2>/dev/null || echo '?')" "$CONNECTIONS" "$THREADS" "$DURATION"
  describe create "POST /api/v1/vault-integrations, ${R[create.rows]} rows inserted" "the same INSERT"
  describe get "GET /api/v1/vault-integrations/{id} over $ID_COUNT ids" "the same SELECT by id"
  describe list "GET /api/v1/vault-integrations?limit=20" "the same first-page SELECT"
  printf 'goal: create ratio >= %s\n' "$GOAL_RATIO"
  printf 'result: goal %s; %s\n' "$goal_met" "$verdict"
)"

mkdir -p "$RESULTS_DIR"
printf '%s\n\n' "$summary" >>"$RESULTS_DIR/latest.txt"
printf '\n%s\n' "$summary"
log "summary appended to ${RESULTS_DIR#"$ROOT"/}/latest.txt"

[[ "$verdict" == OK* ]] || exit 1
