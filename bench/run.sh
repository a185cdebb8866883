#!/usr/bin/env bash
# Benchmark: create, get-by-id and list through the gateway, each against a bare Vert.x + pg-client server running
# the same SQL (bench/bare) and against the same SQL sent straight to PostgreSQL (pgbench), in one run, on one
# fresh database; then the gateway at a fixed rate (half its measured peak) for tail latency. See bench/README.md.
#
#   bash bench/run.sh          the whole run
#   bash bench/run.sh bus      only the event-bus round-trip measurement (bench/bare BusRoundTrip)
#   bash bench/run.sh resolve  the gateway resolving one credential vs a direct KV read from the in-repo Vault
#                              emulator, and the logins the gateway made (bench/resolve.sh)
#
# Settings (environment):
#   DURATION=10        seconds each server is measured per operation (wrk), split into SLICES alternating slices;
#                      also pgbench's and the fixed-rate phase's seconds
#   SLICES=2           slices per server and operation, in the order gateway, bare, bare, gateway, ...
#   WARMUP=20          seconds of wrk warm-up per server before create (half of it before get and list), discarded;
#                      the JIT compilers are still busy for 10-20 s of load on 2 cores, and measuring during that
#                      understates the gateway (more code to compile) 2-4x
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
#   VAULT_PORT=18280   first loopback port tried for the Vault emulator (`run.sh resolve`)
#   EMULATOR_JAVA_OPTS extra JVM options for the Vault emulator (`run.sh resolve`)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

COMMAND="${1:-run}"
DURATION="${DURATION:-10}"
SLICES="${SLICES:-2}"
WARMUP="${WARMUP:-20}"
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
VAULT_PORT="${VAULT_PORT:-18280}"
EMULATOR_JAVA_OPTS="${EMULATOR_JAVA_OPTS:-}"
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
# `run.sh resolve`: the gateway's resolve at least this fraction of the direct read's req/s; at most this many
# AppRole logins per integration over the whole run.
TARGET_RATIO_resolve=0.6
TARGET_LOGINS=1

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

for setting in DURATION SLICES WARMUP CONNECTIONS THREADS PGBENCH_CLIENTS FIXED_WARMUP BENCH_PORT BARE_PORT \
  READY_TIMEOUT GATEWAY_INSTANCES GATEWAY_POOL_SIZE BUS_ITERATIONS BUS_WARMUP BUS_PIPELINED BUS_WINDOW VAULT_PORT; do
  [[ "${!setting}" =~ ^[0-9]+$ ]] || die "$setting must be a whole number, got '${!setting}'"
done
[[ "$FIXED_FRACTION" =~ ^(0?\.[0-9]+|1(\.0*)?)$ ]] || die "FIXED_FRACTION must be a fraction in (0, 1], got '$FIXED_FRACTION'"
((DURATION >= 1 && DURATION <= 3600)) || die "DURATION must be 1..3600 seconds"
((SLICES >= 1 && SLICES <= DURATION)) || die "SLICES must be 1..DURATION"
((WARMUP <= 600 && FIXED_WARMUP <= 600)) || die "WARMUP and FIXED_WARMUP must be at most 600 seconds"
((THREADS >= 1 && CONNECTIONS >= THREADS && CONNECTIONS <= 4096)) ||
  die "need THREADS >= 1 and THREADS <= CONNECTIONS <= 4096"
((PGBENCH_CLIENTS >= THREADS)) || die "PGBENCH_CLIENTS must be at least THREADS"
((BENCH_PORT >= 1024 && BENCH_PORT <= 65515 && BARE_PORT >= 1024 && BARE_PORT <= 65515 && VAULT_PORT >= 1024 &&
  VAULT_PORT <= 65515)) || die "BENCH_PORT, BARE_PORT and VAULT_PORT must be 1024..65515"
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
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v java >/dev/null 2>&1 || die "java is required"

# ---------------------------------------------------------------------------------------------------- bus only
if [[ "$COMMAND" == bus ]]; then
  build_bare
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")"
  log "event-bus round trip: $BUS_ITERATIONS sequential after $BUS_WARMUP warm-up, $BUS_PIPELINED pipelined" \
    "(window $BUS_WINDOW), on two event loops"
  load_before="$(load_average)"
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

# ---------------------------------------------------------------------------------------------------- resolve only
if [[ "$COMMAND" == resolve ]]; then
  # shellcheck source=bench/resolve.sh
  source "$BENCH_DIR/resolve.sh"
  exit 0
fi
# ---------------------------------------------------------------------------------------------------- CPU profile
if [[ "$COMMAND" == profile ]]; then
  # shellcheck source=bench/profile.sh
  source "$BENCH_DIR/profile.sh"
  exit 0
fi
[[ "$COMMAND" == run ]] || die "usage: bash bench/run.sh [run|bus|resolve|profile]"

# ---------------------------------------------------------------------------------------------------- tools
require_tools pgbench psql pg_isready curl mvn
build_gateway
build_bare

# ---------------------------------------------------------------------------------------------------- PostgreSQL
ensure_postgres
create_database

# ---------------------------------------------------------------------------------------------------- servers
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

TOKEN=""
start_gateway
mint_token TOKEN "vault-integrations:write"
probe gateway "$BASE_URL" "$SERVICE_PID"

start_bare
probe "bare server" "$BARE_URL" "$BARE_PID"

# ---------------------------------------------------------------------------------------------------- measuring
LOAD_BEFORE="$(load_average)"

# What lib.sh's measure_operation needs: the gateway against the bare server, the same requests and token to both.
COMPARATOR=bare
server_url() { if [[ "$1" == gateway ]]; then echo "$BASE_URL"; else echo "$BARE_URL"; fi; }
server_pid() { if [[ "$1" == gateway ]]; then echo "$SERVICE_PID"; else echo "$BARE_PID"; fi; }
server_token() { echo "$TOKEN"; }
wrk_mode() { echo "$2"; }

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

# ---------------------------------------------------------------------------------------------------- fixed rate
# The gateway at FIXED_FRACTION of its wrk rate; then the bare server at that same rate, as the floor the machine
# and the generator set on the tail (GC pauses in either JVM, scheduling on 2 shared cores), so that a tail the
# gateway adds can be told from one any server here would show.
fixed_rate() { # mode server (gateway|bare): fills R[mode.fixed.*] (gateway) or R[mode.fixedbare.*] (bare)
  local mode="$1" server="$2" rate out line name key url pid
  rate="$(calc 'x = a * b; if (x < 1) x = 1; printf "%.2f", x' "${R[$mode.gateway.rps]}" "$FIXED_FRACTION")"
  if [[ "$server" == gateway ]]; then
    key=fixed url="$BASE_URL" pid="$SERVICE_PID"
  else
    key=fixedbare url="$BARE_URL" pid="$BARE_PID"
  fi
  out="$WORK_DIR/$key-$mode.txt"
  log "$mode: fixed rate $rate req/s against the $server for ${FIXED_DURATION}s (after ${FIXED_WARMUP}s warm-up)"
  # shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of options
  BENCH_TOKEN="$TOKEN" run_child "$out" timeout $((FIXED_WARMUP + FIXED_DURATION + 4 * FIXED_TIMEOUT + 120)) \
    java $LOAD_JAVA_OPTS -cp "$BARE_JAR" io.scrapengine.bench.bare.FixedRateLoad --url "$url" \
    --mode "$mode" --rate "$rate" --duration "$FIXED_DURATION" --warmup "$FIXED_WARMUP" \
    --connections "$CONNECTIONS" --threads "$THREADS" --ids "$WORK_DIR/ids.txt" --timeout "$FIXED_TIMEOUT" \
    --prefix "$RUN_ID-$key-$mode" || {
    cat "$out" >&2 || true
    die "FixedRateLoad ($mode, $server) failed"
  }
  kill -0 "$pid" 2>/dev/null || die "the $server exited during the fixed-rate run ($mode)"
  line="$(grep '^RATE_RESULT ' "$out" | tail -n 1)" || true
  [[ -n "$line" ]] || { cat "$out" >&2; die "FixedRateLoad ($mode, $server) printed no RATE_RESULT line"; }
  for name in target_rps achieved_rps requests ok failed p50_ms p90_ms p99_ms p999_ms max_ms statuses errors \
    dispatch_p99_ms; do
    R[$mode.$key.$name]="$(field "$line" "$name")"
    [[ -n "${R[$mode.$key.$name]}" ]] || die "RATE_RESULT ($mode, $server) has no $name"
  done
  R[$mode.$key.first_error]="$(grep '^RATE_FIRST_ERROR ' "$out" | head -n 1 | cut -c 18-)" || true
  log "$mode: fixed rate ($server) p50 ${R[$mode.$key.p50_ms]} ms, p99 ${R[$mode.$key.p99_ms]} ms," \
    "failed ${R[$mode.$key.failed]}"
}
for operation in "${OPERATIONS[@]}"; do
  fixed_rate "$operation" gateway
  fixed_rate "$operation" bare
done
R[create.fixed.rows]="$(count_rows fixed-create-m)"
R[create.fixedbare.rows]="$(count_rows fixedbare-create-m)"

stop_bare
TOTAL_ROWS="$(timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT count(*) FROM vault_integrations")" || TOTAL_ROWS="?"

LOAD_AFTER="$(load_average)"
stop_service

# ---------------------------------------------------------------------------------------------------- summary
commit="$(source_commit src schemas conf pom.xml bench/bare)"

FAILED_TOTAL=0
problems=()
for operation in "${OPERATIONS[@]}"; do
  for server in gateway bare; do
    FAILED_TOTAL=$((FAILED_TOTAL + ${R[$operation.$server.failures]}))
  done
  FAILED_TOTAL=$((FAILED_TOTAL + ${R[$operation.fixed.failed]} + ${R[$operation.fixedbare.failed]} \
    + ${R[$operation.pg_failed]}))
done
((FAILED_TOTAL == 0)) || problems+=("$FAILED_TOTAL measured requests failed")
for source in gateway bare; do
  if ((${R[create.$source.rows]} < ${R[create.$source.ok]})); then
    problems+=("$source: ${R[create.$source.ok]} creates answered 201 but only ${R[create.$source.rows]} rows are in the table")
  fi
done
for key in fixed fixedbare; do
  if ((${R[create.$key.rows]} < ${R[create.$key.ok]})); then
    problems+=("fixed rate ($key): ${R[create.$key.ok]} creates answered 201 but only ${R[create.$key.rows]} rows are in the table")
  fi
done

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

  printf '\nfixed rate (%s of the gateway wrk rate, both servers at that rate; latency from the intended send time, ms)\n' \
    "$FIXED_FRACTION"
  printf '%-16s %9s %9s %8s %8s %8s %8s %8s %7s  %s\n' operation 'req/s' achieved p50 p90 p99 p99.9 max failed \
    "p99 <= $TARGET_P99_MS ms"
  for operation in "${OPERATIONS[@]}"; do
    for key in fixed fixedbare; do
      if [[ "$key" == fixed ]]; then label="$operation gateway" met="$(met_text "${MET[$operation.p99]}")"
      else label="$operation bare" met="(the floor)"; fi
      printf '%-16s %9s %9s %8s %8s %8s %8s %8s %7s  %s\n' "$label" "${R[$operation.$key.target_rps]}" \
        "${R[$operation.$key.achieved_rps]}" "${R[$operation.$key.p50_ms]}" "${R[$operation.$key.p90_ms]}" \
        "${R[$operation.$key.p99_ms]}" "${R[$operation.$key.p999_ms]}" "${R[$operation.$key.max_ms]}" \
        "${R[$operation.$key.failed]}" "$met"
    done
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
    for key in fixed fixedbare; do
      printf '%-7s %-8s %s of %s (by status %s; errors %s; generator late by %s ms at p99)\n' "$operation" "$key" \
        "${R[$operation.$key.failed]}" "${R[$operation.$key.requests]}" "${R[$operation.$key.statuses]}" \
        "${R[$operation.$key.errors]}" "${R[$operation.$key.dispatch_p99_ms]}"
      [[ -z "${R[$operation.$key.first_error]:-}" ]] || printf '                 first: %s\n' "${R[$operation.$key.first_error]}"
    done
    printf '%-7s %-8s %s failed transactions\n' "$operation" pgbench "${R[$operation.pg_failed]}"
  done
  printf 'rows: gateway %s for %s 201s, bare %s for %s, fixed rate %s for %s (bare %s for %s)\n' \
    "${R[create.gateway.rows]}" "${R[create.gateway.ok]}" "${R[create.bare.rows]}" "${R[create.bare.ok]}" \
    "${R[create.fixed.rows]}" "${R[create.fixed.ok]}" "${R[create.fixedbare.rows]}" "${R[create.fixedbare.ok]}"
  zero_failed="$(met_text "${MET[failed]}")"

  printf '\ntargets: create >= %s, get >= %s, list >= %s of bare; p99 <= %s ms at %s of peak; 0 failed requests (%s)\n' \
    "$TARGET_RATIO_create" "$TARGET_RATIO_get" "$TARGET_RATIO_list" "$TARGET_P99_MS" "$FIXED_FRACTION" "$zero_failed"
  result_line "$met_count" "$target_count" "${problems[@]}"
)"

publish_summary "$summary" latest.txt

((${#problems[@]} == 0)) || exit 1
