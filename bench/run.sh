#!/usr/bin/env bash
# Benchmark: create, get-by-id and list through the gateway, each against a bare Vert.x + pg-client server running
# the same SQL (bench/bare) and against the same SQL sent straight to PostgreSQL (pgbench), in one run, on one
# fresh database; then the gateway at a fixed rate (half its measured peak) for tail latency. See bench/README.md.
#
#   bash bench/run.sh          the whole run
#   bash bench/run.sh bus      only the event-bus round-trip measurement (bench/bare BusRoundTrip)
#
# Settings (environment):
#   DURATION=10        seconds each server is measured per operation (wrk), split into SLICES alternating slices;
#                      also pgbench's and the fixed-rate phase's seconds
#   SLICES=2           slices per server and operation, in the order gateway, bare, bare, gateway, ...
#   WARMUP=5           seconds of wrk warm-up per server before create (half of it before get and list), discarded
#   CONNECTIONS=64     wrk connections (also the fixed-rate phase's connections)
#   THREADS=2          wrk threads, pgbench -j, fixed-rate event loops
#   PGBENCH_CLIENTS=16 pgbench clients (-c)
#   FIXED_FRACTION=0.5 the fixed-rate phase runs at this fraction of the gateway's wrk rate for the operation
#   FIXED_WARMUP=3     seconds at that rate before the fixed-rate measurement, discarded
#   BENCH_PORT=18080   first loopback port tried for the gateway; BARE_PORT=18180 the same for the bare server
#   BARE_INSTANCES     bare HTTP verticle instances (default: the gateway's, VERTICLE_INSTANCES or one per core)
#   BARE_DB_POOL_SIZE  the bare server's one shared pool (default: the gateway's, DB_POOL_SIZE, one pool per process)
#   PGPORT=5432        PostgreSQL port on 127.0.0.1; PGUSER (postgres) and PGPASSWORD pass through
#   READY_TIMEOUT=120  seconds to wait for each server to answer its health check
#   BENCH_JAVA_OPTS, BARE_JAVA_OPTS, LOAD_JAVA_OPTS   extra JVM options: gateway, bare server, fixed-rate load
#   BUS_ITERATIONS=200000 BUS_WARMUP=50000 BUS_PIPELINED=1000000 BUS_WINDOW=128   for `run.sh bus`
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

COMMAND="${1:-run}"
DURATION="${DURATION:-10}"
SLICES="${SLICES:-2}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-16}"
FIXED_FRACTION="${FIXED_FRACTION:-0.5}"
FIXED_WARMUP="${FIXED_WARMUP:-3}"
BENCH_PORT="${BENCH_PORT:-18080}"
BARE_PORT="${BARE_PORT:-18180}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
BARE_JAVA_OPTS="${BARE_JAVA_OPTS:-}"
LOAD_JAVA_OPTS="${LOAD_JAVA_OPTS:-}"
BUS_ITERATIONS="${BUS_ITERATIONS:-200000}"
BUS_WARMUP="${BUS_WARMUP:-50000}"
BUS_PIPELINED="${BUS_PIPELINED:-1000000}"
BUS_WINDOW="${BUS_WINDOW:-128}"
CORES="$(nproc 2>/dev/null || echo 1)"
GATEWAY_INSTANCES="${VERTICLE_INSTANCES:-0}"
GATEWAY_POOL_SIZE="${DB_POOL_SIZE:-8}"
TENANT=bench
JAR=target/vault-gateway.jar
BARE_DIR="$BENCH_DIR/bare"
BARE_JAR="$BARE_DIR/target/bench-bare.jar"
RESULTS_DIR="$BENCH_DIR/results"
# Targets from the issue: gateway req/s at least this fraction of the bare server's, per operation; p99 at most
# this many ms at FIXED_FRACTION of the gateway's peak; no failed request anywhere.
TARGET_RATIO_create=0.85
TARGET_RATIO_get=0.80
TARGET_RATIO_list=0.75
TARGET_P99_MS=10
FIXED_TIMEOUT=10
OPERATIONS=(create get list)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for setting in DURATION SLICES WARMUP CONNECTIONS THREADS PGBENCH_CLIENTS FIXED_WARMUP BENCH_PORT BARE_PORT \
  READY_TIMEOUT GATEWAY_INSTANCES GATEWAY_POOL_SIZE BUS_ITERATIONS BUS_WARMUP BUS_PIPELINED BUS_WINDOW; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a whole number, got '${!setting}'"
done
[[ "$FIXED_FRACTION" =~ ^(0?\.[0-9]+|1(\.0*)?)$ ]] || die "FIXED_FRACTION must be a fraction in (0, 1], got '$FIXED_FRACTION'"
((DURATION >= 1 && DURATION <= 3600)) || die "DURATION must be 1..3600 seconds"
((SLICES >= 1 && SLICES <= DURATION)) || die "SLICES must be 1..DURATION"
((WARMUP <= 600 && FIXED_WARMUP <= 600)) || die "WARMUP and FIXED_WARMUP must be at most 600 seconds"
((THREADS >= 1 && CONNECTIONS >= THREADS && CONNECTIONS <= 4096)) ||
  die "need THREADS >= 1 and THREADS <= CONNECTIONS <= 4096"
((PGBENCH_CLIENTS >= THREADS)) || die "PGBENCH_CLIENTS must be at least THREADS"
((BENCH_PORT >= 1024 && BENCH_PORT <= 65515 && BARE_PORT >= 1024 && BARE_PORT <= 65515)) ||
  die "BENCH_PORT and BARE_PORT must be 1024..65515"
((GATEWAY_INSTANCES > 0)) || GATEWAY_INSTANCES="$CORES"
BARE_INSTANCES="${BARE_INSTANCES:-$GATEWAY_INSTANCES}"
BARE_DB_POOL_SIZE="${BARE_DB_POOL_SIZE:-$GATEWAY_POOL_SIZE}"
for setting in BARE_INSTANCES BARE_DB_POOL_SIZE; do
  [[ "${!setting}" =~ ^[1-9][0-9]*$ ]] || die "$setting must be a positive whole number, got '${!setting}'"
done
SLICE=$((DURATION / SLICES))  # seconds per slice; each server is measured SLICES x SLICE seconds per operation
FIXED_DURATION="$DURATION"

# Everything goes to this machine's loopback: the gateway, the bare server and PostgreSQL. DATABASE_URL would win
# over the PG* values inside the gateway, so it must not leak in from the caller's environment.
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
BARE_PID=""
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

stop_process() { # pid name: SIGTERM, up to 30 s to drain, then SIGKILL
  local pid="$1" name="$2"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop within 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}
stop_service() { stop_process "$SERVICE_PID" gateway; SERVICE_PID=""; }
stop_bare() { stop_process "$BARE_PID" "bare server"; BARE_PID=""; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$CHILD_PID" ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  stop_bare
  stop_service
  if [[ -n "$WORK_DIR" ]]; then
    mkdir -p "$RESULTS_DIR" 2>/dev/null || true
    [[ ! -f "$WORK_DIR/service.log" ]] || cp "$WORK_DIR/service.log" "$RESULTS_DIR/service.log" 2>/dev/null || true
    [[ ! -f "$WORK_DIR/bare.log" ]] || cp "$WORK_DIR/bare.log" "$RESULTS_DIR/bare.log" 2>/dev/null || true
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

# ---------------------------------------------------------------------------------------------------- build
newer_than() { # target sources...: true if target is missing or any source is newer
  local target="$1" source
  shift
  [[ -f "$target" ]] || return 0
  for source in "$@"; do
    if [[ -e "$source" ]] && [[ -n "$(find "$source" -newer "$target" -print -quit)" ]]; then
      return 0
    fi
  done
  return 1
}

build_bare() {
  if newer_than "$BARE_JAR" "$BARE_DIR/src" "$BARE_DIR/pom.xml"; then
    log "building ${BARE_JAR#"$ROOT"/} (bench only; mvn -B -q package in bench/bare)"
    (cd "$BARE_DIR" && timeout 900 mvn -B -q package -DskipTests) || die "building the bare server failed"
    [[ -f "$BARE_JAR" ]] || die "the build did not produce $BARE_JAR"
  fi
}

command -v java >/dev/null 2>&1 || die "java is required"

# ---------------------------------------------------------------------------------------------------- bus only
if [[ "$COMMAND" == bus ]]; then
  build_bare
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")"
  log "event-bus round trip: $BUS_ITERATIONS sequential after $BUS_WARMUP warm-up, $BUS_PIPELINED pipelined" \
    "(window $BUS_WINDOW), on two event loops"
  load_before="$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')"
  # shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of options
  run_child "$WORK_DIR/bus.txt" timeout 900 java $LOAD_JAVA_OPTS -cp "$BARE_JAR" \
    io.scrapengine.bench.bare.BusRoundTrip --iterations "$BUS_ITERATIONS" --warmup "$BUS_WARMUP" \
    --pipelined "$BUS_PIPELINED" --window "$BUS_WINDOW" || {
    cat "$WORK_DIR/bus.txt" >&2
    die "BusRoundTrip failed"
  }
  report="$(
    printf '=== event-bus round trip, %s; %s CPU cores; load average before %s, after %s ===\n' \
      "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$CORES" "$load_before" "$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null)"
    grep -v '^SLF4J' "$WORK_DIR/bus.txt"
  )"
  mkdir -p "$RESULTS_DIR"
  printf '%s\n\n' "$report" >>"$RESULTS_DIR/bus.txt"
  printf '%s\n' "$report"
  log "appended to ${RESULTS_DIR#"$ROOT"/}/bus.txt"
  exit 0
fi
[[ "$COMMAND" == run ]] || die "usage: bash bench/run.sh [run|bus]"

# ---------------------------------------------------------------------------------------------------- tools
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  export DEBIAN_FRONTEND=noninteractive
  if ! { timeout 300 apt-get update -qq >/dev/null && timeout 300 apt-get install -y -qq wrk >/dev/null; }; then
    die "could not install wrk (apt-get install wrk)"
  fi
fi
for tool in pgbench psql pg_isready curl mvn; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

if newer_than "$JAR" src schemas conf pom.xml; then
  log "building $JAR (mvn -B -q package -DskipTests)"
  timeout 900 mvn -B -q package -DskipTests || die "build failed"
  [[ -f "$JAR" ]] || die "the build did not produce $JAR"
fi
build_bare

# ---------------------------------------------------------------------------------------------------- PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT"; then
  cluster_version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
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
BARE_LOG="$WORK_DIR/bare.log"

# ---------------------------------------------------------------------------------------------------- servers
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # first-port [port to skip]: prints the first free loopback port of the next 21
  local candidate
  for candidate in $(seq "$1" $(($1 + 20))); do
    if [[ "$candidate" != "${2:-}" ]] && ! port_taken "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

wait_ready() { # name pid url log-file
  local name="$1" pid="$2" url="$3" logfile="$4" deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the $name exited during start-up; last lines of its log:"
      tail -n 40 "$logfile" >&2 || true
      die "$name failed to start"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      log "$name ready"
      return 0
    fi
    sleep 0.5
  done
  log "the $name was not ready within $READY_TIMEOUT s; last lines of its log:"
  tail -n 40 "$logfile" >&2 || true
  die "$name not ready"
}

RUN_ID="r$(date +%s)-$$-$RANDOM"
PROBE_BODY="{\"name\":\"NAME\",\"type\":\"hashicorp\",\"config\":{\"address\":\"https://vault.prod.example.com:8200\",\"namespace\":\"admin/scrapengine\",\"authMethod\":\"approle\",\"roleId\":\"8f2e1c0c-0e4a-4b58-8b2e-4a9e1c8a4a11\",\"secretId\":\"s.xxxxxxxxxxxxxxxxxxxxxxxx\"}}"

probe() { # name base-url pid: one create by hand, so that a broken setup fails with a readable answer
  local name="$1" url="$2" pid="$3" status
  status="$(curl -sS -o "$WORK_DIR/probe-$name.json" -w '%{http_code}' --max-time 10 \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data "${PROBE_BODY/NAME/$RUN_ID-probe-$name}" "$url/api/v1/vault-integrations")" || status="000"
  if [[ "$status" != 201 ]]; then
    kill -0 "$pid" 2>/dev/null || log "the $name process (pid $pid) is gone; see its log in ${RESULTS_DIR#"$ROOT"/}"
    log "probe POST to the $name answered $status: $(head -c 500 "$WORK_DIR/probe-$name.json" 2>/dev/null || true)"
    die "the $name's create endpoint does not answer 201; not benchmarking"
  fi
}

HTTP_PORT="$(free_port "$BENCH_PORT")" || die "no free loopback port in $BENCH_PORT..$((BENCH_PORT + 20))"
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
# Ready means migrated: the gateway applies its Flyway migrations before it listens.
wait_ready gateway "$SERVICE_PID" "$BASE_URL/health/ready" "$SERVICE_LOG"

TOKEN="$(timeout 120 java -jar "$JAR" token --tenant "$TENANT" --scope "vault-integrations:write" \
  2>"$WORK_DIR/token.log" </dev/null)" || {
  tail -n 20 "$WORK_DIR/token.log" >&2 || true
  die "could not mint a token"
}
[[ -n "$TOKEN" ]] || die "the token command printed nothing"
probe gateway "$BASE_URL" "$SERVICE_PID"

BARE_HTTP_PORT="$(free_port "$BARE_PORT" "$HTTP_PORT")" || die "no free loopback port in $BARE_PORT..$((BARE_PORT + 20))"
BARE_URL="http://127.0.0.1:$BARE_HTTP_PORT"
log "starting the bare server on $BARE_URL ($BARE_INSTANCES instances, one shared pool of $BARE_DB_POOL_SIZE)"
# shellcheck disable=SC2086 # BARE_JAVA_OPTS is a list of options
# Its settings are set here in full, so that the gateway's (DB_WAIT_QUEUE_SIZE, ...) cannot leak into it.
HTTP_PORT="$BARE_HTTP_PORT" BARE_INSTANCES="$BARE_INSTANCES" DB_POOL_SIZE="$BARE_DB_POOL_SIZE" \
  DB_WAIT_QUEUE_SIZE=1024 java $BARE_JAVA_OPTS -jar "$BARE_JAR" >"$BARE_LOG" 2>&1 </dev/null &
BARE_PID=$!
wait_ready "bare server" "$BARE_PID" "$BARE_URL/health" "$BARE_LOG"
probe "bare server" "$BARE_URL" "$BARE_PID"

# ---------------------------------------------------------------------------------------------------- measuring
declare -A R=()  # results: R[<operation>.<server>.<field>] and R[<operation>.<field>]
LOAD_BEFORE="$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')"

field() { # line name: the value of name=value in a result line
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n 1
}
calc() { # awk expression over the variables a, b: prints the result
  awk -v a="$2" -v b="${3:-0}" "BEGIN { $1 }"
}

server_url() { if [[ "$1" == gateway ]]; then echo "$BASE_URL"; else echo "$BARE_URL"; fi; }
server_pid() { if [[ "$1" == gateway ]]; then echo "$SERVICE_PID"; else echo "$BARE_PID"; fi; }

run_wrk() { # server mode prefix seconds output-file [extra wrk options]
  local server="$1" mode="$2" prefix="$3" seconds="$4" output="$5" pid
  shift 5
  pid="$(server_pid "$server")"
  BENCH_MODE="$mode" BENCH_TOKEN="$TOKEN" BENCH_PREFIX="$RUN_ID-$prefix" BENCH_IDS="$WORK_DIR/ids.txt" \
    run_child "$output" timeout $((seconds + 60)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" \
    --timeout 10s "$@" -s "$BENCH_DIR/gateway.lua" "$(server_url "$server")" || {
    cat "$output" >&2 || true
    die "wrk ($mode, $server) failed"
  }
  kill -0 "$pid" 2>/dev/null || {
    cat "$output" >&2 || true
    die "the $server process exited during wrk ($mode); see its log in ${RESULTS_DIR#"$ROOT"/}"
  }
}

merge_statuses() { # "201=3,500=1" "201=2": sums the counts per status
  printf '%s\n%s\n' "$1" "$2" | tr ',' '\n' | awk -F= 'NF == 2 { n[$1] += $2 } END {
    s = ""; for (k in n) s = s (s == "" ? "" : ",") k "=" n[k]; print s }' | tr ',' '\n' | sort -n | paste -sd, -
}

measure_slice() { # server mode slice: one measured wrk slice, added up into R[mode.server.*]
  local server="$1" mode="$2" k="$3" key="$2.$1" out line name value socket
  out="$WORK_DIR/wrk-$mode-$server-$k.txt"
  run_wrk "$server" "$mode" "$server-$mode-s$k" "$SLICE" "$out" --latency
  line="$(grep '^BENCH_RESULT ' "$out" | tail -n 1)" || true
  [[ -n "$line" ]] || { cat "$out" >&2; die "wrk ($mode, $server) printed no BENCH_RESULT line"; }
  for name in responses duration_s ok unexpected connect_errors read_errors write_errors timeouts; do
    value="$(field "$line" "$name")"
    [[ -n "$value" ]] || die "BENCH_RESULT ($mode, $server) has no $name"
    R[$key.$name]="$(calc 'print a + b' "${R[$key.$name]:-0}" "$value")"
  done
  for name in p50_ms p90_ms p99_ms max_ms; do # the worst slice
    value="$(field "$line" "$name")"
    R[$key.$name]="$(calc 'printf "%.2f", (a > b ? a : b)' "$value" "${R[$key.$name]:-0}")"
  done
  R[$key.statuses]="$(merge_statuses "${R[$key.statuses]:-}" "$(field "$line" statuses)")"
  if [[ -z "${R[$key.first_error]:-}" ]]; then
    R[$key.first_error]="$(grep '^BENCH_FIRST_ERROR ' "$out" | head -n 1 | cut -c 19-)" || true
  fi
  socket=$((${R[$key.connect_errors]} + ${R[$key.read_errors]} + ${R[$key.write_errors]}))
  R[$key.socket_errors]="$socket"
  # Failed: any answer other than the expected status, any socket error, any request past wrk's 10 s timeout.
  R[$key.failures]=$((${R[$key.unexpected]} + socket + ${R[$key.timeouts]}))
  R[$key.rps]="$(calc 'printf "%.2f", (b > 0 ? a / b : 0)' "${R[$key.responses]}" "${R[$key.duration_s]}")"
  log "$mode $server slice $k/$SLICES: $(calc 'printf "%.0f", (b > 0 ? a / b : 0)' "$(field "$line" responses)" \
    "$(field "$line" duration_s)") req/s, p99 $(field "$line" p99_ms) ms, failed so far ${R[$key.failures]}"
}

measure_operation() { # mode warm-up-seconds: warm-up each server, then alternating slices
  local mode="$1" warmup="$2" k server
  if ((warmup > 0)); then
    for server in gateway bare; do
      log "$mode: warm-up $server, wrk ${warmup}s, $CONNECTIONS connections, $THREADS threads (discarded)"
      run_wrk "$server" "$mode" "$server-warmup-$mode" "$warmup" "$WORK_DIR/wrk-$mode-$server-warmup.txt"
    done
  fi
  log "$mode: measuring, $SLICES x ${SLICE}s per server, alternating (gateway, bare, bare, gateway, ...)"
  for k in $(seq 1 "$SLICES"); do
    if ((k % 2)); then
      measure_slice gateway "$mode" "$k"
      measure_slice bare "$mode" "$k"
    else
      measure_slice bare "$mode" "$k"
      measure_slice gateway "$mode" "$k"
    fi
  done
  R[$mode.ratio]="$(calc 'if (b > 0) printf "%.2f", a / b; else print "n/a"' "${R[$mode.gateway.rps]}" \
    "${R[$mode.bare.rps]}")"
}

measure_pgbench() { # operation script [extra pgbench options]: fills R[operation.tps]
  local operation="$1" script="$2" status=0 tps failed
  shift 2
  log "$operation: PostgreSQL alone, pgbench ${DURATION}s, $PGBENCH_CLIENTS clients, -j $THREADS"
  run_child "$WORK_DIR/pgbench-$operation.txt" timeout $((DURATION + 120)) pgbench -n -M prepared \
    -c "$PGBENCH_CLIENTS" -j "$THREADS" -T "$DURATION" "$@" -f "$BENCH_DIR/$script" "$DB_NAME" || status=$?
  ((status == 0)) || { cat "$WORK_DIR/pgbench-$operation.txt" >&2; die "pgbench ($operation) failed (exit $status)"; }
  tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$WORK_DIR/pgbench-$operation.txt" |
    head -n 1)"
  [[ -n "$tps" ]] || { cat "$WORK_DIR/pgbench-$operation.txt" >&2; die "could not read tps from pgbench ($operation)"; }
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK_DIR/pgbench-$operation.txt" |
    head -n 1)"
  R[$operation.tps]="$(calc 'printf "%.2f", a' "$tps")"
  R[$operation.pg_failed]="${failed:-0}"
  R[$operation.pg_ratio]="$(calc 'if (b > 0) printf "%.2f", a / b; else print "n/a"' \
    "${R[$operation.gateway.rps]}" "${R[$operation.tps]}")"
  log "$operation: pgbench ${R[$operation.tps]} tps"
}

count_rows() { # name-prefix: rows of the tenant whose name starts with it
  timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT count(*) FROM vault_integrations
    WHERE tenant_id = '$TENANT' AND starts_with(name, '$RUN_ID-$1')" || die "could not count the inserted rows"
}

# create: both servers POST, alternating; then the same INSERT through pgbench
measure_operation create "$WARMUP"
sleep 1
R[create.gateway.rows]="$(count_rows gateway-create-s)"
R[create.bare.rows]="$(count_rows bare-create-s)"
measure_pgbench create insert.sql -D prefix="$RUN_ID-pgbench" -D n=0

# get: ids of rows the runs above made, for wrk and FixedRateLoad, and (as table bench_ids) for pgbench
timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT id FROM vault_integrations WHERE tenant_id = '$TENANT'
  ORDER BY random() LIMIT 1000" >"$WORK_DIR/ids.txt" || die "could not pick ids for the GET runs"
ID_COUNT="$(grep -c . "$WORK_DIR/ids.txt")" || true
((ID_COUNT > 0)) || die "no rows to read back"
timeout 60 psql -X -q -v ON_ERROR_STOP=1 -d "$DB_NAME" \
  -c "CREATE TABLE bench_ids (n serial PRIMARY KEY, id uuid NOT NULL)" \
  -c "\\copy bench_ids (id) FROM '$WORK_DIR/ids.txt'" >/dev/null || die "could not load bench_ids"
READ_WARMUP=$(((WARMUP + 1) / 2))
measure_operation get "$READ_WARMUP"
measure_pgbench get get.sql -D ids="$ID_COUNT"

# list: the newest page of 20 (the tenant holds every row made above)
measure_operation list "$READ_WARMUP"
measure_pgbench list list.sql

stop_bare
TOTAL_ROWS="$(timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT count(*) FROM vault_integrations")" || TOTAL_ROWS="?"

# ---------------------------------------------------------------------------------------------------- fixed rate
fixed_rate() { # mode: the gateway at FIXED_FRACTION of its wrk rate for the operation; fills R[mode.fixed.*]
  local mode="$1" rate out line name
  rate="$(calc 'x = a * b; if (x < 1) x = 1; printf "%.2f", x' "${R[$mode.gateway.rps]}" "$FIXED_FRACTION")"
  out="$WORK_DIR/fixed-$mode.txt"
  log "$mode: fixed rate $rate req/s against the gateway for ${FIXED_DURATION}s (after ${FIXED_WARMUP}s warm-up)"
  # shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of options
  BENCH_TOKEN="$TOKEN" run_child "$out" timeout $((FIXED_WARMUP + FIXED_DURATION + 4 * FIXED_TIMEOUT + 120)) \
    java $LOAD_JAVA_OPTS -cp "$BARE_JAR" io.scrapengine.bench.bare.FixedRateLoad --url "$BASE_URL" \
    --mode "$mode" --rate "$rate" --duration "$FIXED_DURATION" --warmup "$FIXED_WARMUP" \
    --connections "$CONNECTIONS" --threads "$THREADS" --ids "$WORK_DIR/ids.txt" --timeout "$FIXED_TIMEOUT" \
    --prefix "$RUN_ID-fixed-$mode" || {
    cat "$out" >&2 || true
    die "FixedRateLoad ($mode) failed"
  }
  kill -0 "$SERVICE_PID" 2>/dev/null || die "the gateway exited during the fixed-rate run ($mode)"
  line="$(grep '^RATE_RESULT ' "$out" | tail -n 1)" || true
  [[ -n "$line" ]] || { cat "$out" >&2; die "FixedRateLoad ($mode) printed no RATE_RESULT line"; }
  for name in target_rps achieved_rps requests ok failed p50_ms p90_ms p99_ms p999_ms max_ms statuses errors \
    dispatch_p99_ms; do
    R[$mode.fixed.$name]="$(field "$line" "$name")"
    [[ -n "${R[$mode.fixed.$name]}" ]] || die "RATE_RESULT ($mode) has no $name"
  done
  R[$mode.fixed.first_error]="$(grep '^RATE_FIRST_ERROR ' "$out" | head -n 1 | cut -c 18-)" || true
  log "$mode: fixed rate p50 ${R[$mode.fixed.p50_ms]} ms, p99 ${R[$mode.fixed.p99_ms]} ms," \
    "failed ${R[$mode.fixed.failed]}"
}
for operation in "${OPERATIONS[@]}"; do
  fixed_rate "$operation"
done
R[create.fixed.rows]="$(count_rows fixed-create-m)"

LOAD_AFTER="$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')"
stop_service

# ---------------------------------------------------------------------------------------------------- summary
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain -- src schemas conf pom.xml bench/bare 2>/dev/null)" ]]; then
  commit="$commit (+ uncommitted changes)"
fi

FAILED_TOTAL=0
problems=()
for operation in "${OPERATIONS[@]}"; do
  for server in gateway bare; do
    FAILED_TOTAL=$((FAILED_TOTAL + ${R[$operation.$server.failures]}))
  done
  FAILED_TOTAL=$((FAILED_TOTAL + ${R[$operation.fixed.failed]} + ${R[$operation.pg_failed]}))
done
((FAILED_TOTAL == 0)) || problems+=("$FAILED_TOTAL measured requests failed")
for source in gateway bare; do
  if ((${R[create.$source.rows]} < ${R[create.$source.ok]})); then
    problems+=("$source: ${R[create.$source.ok]} creates answered 201 but only ${R[create.$source.rows]} rows are in the table")
  fi
done
if ((${R[create.fixed.rows]} < ${R[create.fixed.ok]})); then
  problems+=("fixed rate: ${R[create.fixed.ok]} creates answered 201 but only ${R[create.fixed.rows]} rows are in the table")
fi

# Each target: 1 when met. Missing a target is reported, but only failed requests fail the run.
met_count=0
target_count=0
declare -A MET=()
for operation in "${OPERATIONS[@]}"; do
  target_var="TARGET_RATIO_$operation"
  MET[$operation.ratio]="$(calc 'print ((a != "n/a" && a + 0 >= b) ? 1 : 0)' "${R[$operation.ratio]}" "${!target_var}")"
  MET[$operation.p99]="$(calc 'print ((a + 0 <= b) ? 1 : 0)' "${R[$operation.fixed.p99_ms]}" "$TARGET_P99_MS")"
done
MET[failed]=$((FAILED_TOTAL == 0 ? 1 : 0))
for key in "${!MET[@]}"; do
  target_count=$((target_count + 1))
  met_count=$((met_count + ${MET[$key]}))
done
met_text() { if (($1)); then echo "met"; else echo "NOT met"; fi; }

summary="$(
  printf '=== Vault Gateway benchmark, %s ===\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'commit %s; %s CPU cores; load average before %s, after %s\n' "$commit" "$CORES" "$LOAD_BEFORE" "$LOAD_AFTER"
  printf 'wrk: %s connections, %s threads; each server %s x %s s per operation, alternating; pgbench: %s clients,' \
    "$CONNECTIONS" "$THREADS" "$SLICES" "$SLICE" "$PGBENCH_CLIENTS"
  printf ' %s s\n' "$DURATION"
  printf 'gateway: %s instances, one shared pool of %s; bare: %s instances, one shared pool of %s; %s rows at the end\n\n' \
    "$GATEWAY_INSTANCES" "$GATEWAY_POOL_SIZE" "$BARE_INSTANCES" "$BARE_DB_POOL_SIZE" "$TOTAL_ROWS"

  printf 'throughput (wrk)  gateway req/s   bare req/s   gateway/bare  target        pgbench tps  gateway/pgbench\n'
  for operation in "${OPERATIONS[@]}"; do
    target_var="TARGET_RATIO_$operation"
    met="$(met_text "${MET[$operation.ratio]}")"
    printf '%-17s %13s %12s   %12s  >= %-4s %-7s %11s  %15s\n' "$operation" "${R[$operation.gateway.rps]}" \
      "${R[$operation.bare.rps]}" "${R[$operation.ratio]}" "${!target_var}" "$met" "${R[$operation.tps]}" \
      "${R[$operation.pg_ratio]}"
  done

  printf '\nlatency (wrk, ms, worst slice)   p50      p90      p99      max\n'
  for operation in "${OPERATIONS[@]}"; do
    for server in gateway bare; do
      printf '%-7s %-22s %8s %8s %8s %8s\n' "$operation" "$server" "${R[$operation.$server.p50_ms]}" \
        "${R[$operation.$server.p90_ms]}" "${R[$operation.$server.p99_ms]}" "${R[$operation.$server.max_ms]}"
    done
  done

  printf '\nfixed rate (gateway, %s of its wrk rate, latency from the intended send time, ms)\n' "$FIXED_FRACTION"
  printf '%-8s %9s %9s %8s %8s %8s %8s %8s %7s  %s\n' operation 'req/s' achieved p50 p90 p99 p99.9 max failed \
    "p99 <= $TARGET_P99_MS ms"
  for operation in "${OPERATIONS[@]}"; do
    met="$(met_text "${MET[$operation.p99]}")"
    printf '%-8s %9s %9s %8s %8s %8s %8s %8s %7s  %s\n' "$operation" "${R[$operation.fixed.target_rps]}" \
      "${R[$operation.fixed.achieved_rps]}" "${R[$operation.fixed.p50_ms]}" "${R[$operation.fixed.p90_ms]}" \
      "${R[$operation.fixed.p99_ms]}" "${R[$operation.fixed.p999_ms]}" "${R[$operation.fixed.max_ms]}" \
      "${R[$operation.fixed.failed]}" "$met"
  done

  printf '\nfailed requests (unexpected status, socket error or timeout)\n'
  for operation in "${OPERATIONS[@]}"; do
    for server in gateway bare; do
      key="$operation.$server"
      printf '%-7s %-8s %s of %s (by status %s; socket errors %s; timeouts %s)\n' "$operation" "$server" \
        "${R[$key.failures]}" "${R[$key.responses]}" "${R[$key.statuses]}" "${R[$key.socket_errors]}" \
        "${R[$key.timeouts]}"
      [[ -z "${R[$key.first_error]:-}" ]] || printf '                 first: %s\n' "${R[$key.first_error]}"
    done
    printf '%-7s %-8s %s of %s (by status %s; errors %s; generator late by %s ms at p99)\n' "$operation" fixed \
      "${R[$operation.fixed.failed]}" "${R[$operation.fixed.requests]}" "${R[$operation.fixed.statuses]}" \
      "${R[$operation.fixed.errors]}" "${R[$operation.fixed.dispatch_p99_ms]}"
    [[ -z "${R[$operation.fixed.first_error]:-}" ]] || printf '                 first: %s\n' "${R[$operation.fixed.first_error]}"
    printf '%-7s %-8s %s failed transactions\n' "$operation" pgbench "${R[$operation.pg_failed]}"
  done
  printf 'rows: gateway %s for %s 201s, bare %s for %s, fixed rate %s for %s\n' \
    "${R[create.gateway.rows]}" "${R[create.gateway.ok]}" "${R[create.bare.rows]}" "${R[create.bare.ok]}" \
    "${R[create.fixed.rows]}" "${R[create.fixed.ok]}"
  zero_failed="$(met_text "${MET[failed]}")"

  printf '\ntargets: create >= %s, get >= %s, list >= %s of bare; p99 <= %s ms at %s of peak; 0 failed requests (%s)\n' \
    "$TARGET_RATIO_create" "$TARGET_RATIO_get" "$TARGET_RATIO_list" "$TARGET_P99_MS" "$FIXED_FRACTION" "$zero_failed"
  printf 'result: %s of %s targets met; ' "$met_count" "$target_count"
  if ((${#problems[@]} == 0)); then
    printf 'OK\n'
  else
    printf 'FAILED: %s\n' "$(IFS=';'; echo "${problems[*]}")"
  fi
)"

mkdir -p "$RESULTS_DIR"
printf '%s\n\n' "$summary" >>"$RESULTS_DIR/latest.txt"
printf '\n%s\n' "$summary"
log "summary appended to ${RESULTS_DIR#"$ROOT"/}/latest.txt"

((${#problems[@]} == 0)) || exit 1
