# Shell functions shared by the modes of bench/run.sh (sourced by it; not run on its own). They read the settings
# run.sh sets (ROOT, BENCH_DIR, RESULTS_DIR, JAR, TENANT, DURATION, SLICES, SLICE, CONNECTIONS, THREADS,
# READY_TIMEOUT, BENCH_JAVA_OPTS, ...) and keep their state in the globals below, which cleanup() undoes.
#
# A mode that measures with wrk (measure_operation) compares the gateway with one other server, named by
# COMPARATOR, and defines four functions for it:
#   server_url SERVER    the server's base URL          server_pid SERVER   its process id
#   server_token SERVER  what wrk sends as BENCH_TOKEN   wrk_mode SERVER OPERATION   gateway.lua's BENCH_MODE
# shellcheck shell=bash disable=SC2153,SC2154 # the settings named above come from run.sh

WORK_DIR=""
DB_NAME=""
DB_CREATED=0
SERVICE_PID=""
BARE_PID=""
EMULATOR_PID=""
CHILD_PID=""

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------------- processes
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
stop_emulator() { stop_process "$EMULATOR_PID" "Vault emulator"; EMULATOR_PID=""; }

# On exit, normal or not: ends every process the run started, keeps their logs in RESULTS_DIR, drops the database
# and removes the temporary directory.
cleanup() {
  local status=$? name
  trap - EXIT INT TERM
  if [[ -n "$CHILD_PID" ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  stop_bare
  stop_service
  stop_emulator
  if [[ -n "$WORK_DIR" ]]; then
    mkdir -p "$RESULTS_DIR" 2>/dev/null || true
    for name in service.log bare.log emulator.log; do
      [[ ! -f "$WORK_DIR/$name" ]] || cp "$WORK_DIR/$name" "$RESULTS_DIR/$name" 2>/dev/null || true
    done
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

build_gateway() {
  if newer_than "$JAR" src schemas conf pom.xml; then
    log "building $JAR (mvn -B -q package -DskipTests)"
    timeout 900 mvn -B -q package -DskipTests || die "build failed"
    [[ -f "$JAR" ]] || die "the build did not produce $JAR"
  fi
}

# ---------------------------------------------------------------------------------------------------- tools
require_tools() { # tool...: installs wrk with apt-get if it is missing; the others must be there
  local tool
  if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    export DEBIAN_FRONTEND=noninteractive
    if ! { timeout 300 apt-get update -qq >/dev/null && timeout 300 apt-get install -y -qq wrk >/dev/null; }; then
      die "could not install wrk (apt-get install wrk)"
    fi
  fi
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
  done
}

# ---------------------------------------------------------------------------------------------------- PostgreSQL
ensure_postgres() { # starts the local cluster if nothing answers on 127.0.0.1:PGPORT
  local cluster_version
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
}

create_database() { # a fresh database vg_bench_<pid> (dropped by cleanup) and the temporary WORK_DIR
  DB_NAME="vg_bench_$$"
  timeout 60 psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null ||
    die "could not create database $DB_NAME"
  DB_CREATED=1
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")"
}

# ---------------------------------------------------------------------------------------------------- servers
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # first-port [port to skip]...: prints the first free loopback port of the next 21
  local candidate first="$1"
  shift
  for candidate in $(seq "$first" $((first + 20))); do
    if [[ " $* " != *" $candidate "* ]] && ! port_taken "$candidate"; then
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

# The gateway (dev profile) on the first free loopback port from BENCH_PORT, on DB_NAME; sets HTTP_PORT, BASE_URL,
# SERVICE_LOG and SERVICE_PID. Its other settings pass through from the environment.
start_gateway() {
  HTTP_PORT="$(free_port "$BENCH_PORT")" || die "no free loopback port in $BENCH_PORT..$((BENCH_PORT + 20))"
  BASE_URL="http://127.0.0.1:$HTTP_PORT"
  SERVICE_LOG="$WORK_DIR/service.log"

  export APP_PROFILE=dev
  export HTTP_HOST=127.0.0.1
  # one tenant sends everything: the per-tenant rate limits would measure themselves, not the service
  export RATE_LIMITS_ENABLED="${RATE_LIMITS_ENABLED:-false}"
  export HTTP_PORT
  export PGDATABASE="$DB_NAME"
  export DATA_DIR="$WORK_DIR/data"

  log "starting the gateway on $BASE_URL (database $DB_NAME)"
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  # started as the README starts it (cli/JvmFlags: request validation compiled rather than interpreted)
  java -XX:-DontCompileHugeMethods $BENCH_JAVA_OPTS -jar "$JAR" >"$SERVICE_LOG" 2>&1 </dev/null &
  SERVICE_PID=$!
  # Ready means migrated: the gateway applies its Flyway migrations before it listens.
  wait_ready gateway "$SERVICE_PID" "$BASE_URL/health/ready" "$SERVICE_LOG"
}

# The bare server on the first free loopback port from BARE_PORT (skipping the gateway's), on DB_NAME, migrated by
# the gateway; sets BARE_URL, BARE_LOG and BARE_PID. Its settings are set here in full, so that the gateway's
# (DB_WAIT_QUEUE_SIZE, ...) cannot leak into it.
start_bare() {
  local port
  port="$(free_port "$BARE_PORT" "$HTTP_PORT")" || die "no free loopback port in $BARE_PORT..$((BARE_PORT + 20))"
  BARE_URL="http://127.0.0.1:$port"
  BARE_LOG="$WORK_DIR/bare.log"
  log "starting the bare server on $BARE_URL ($BARE_INSTANCES instances, one shared pool of $BARE_DB_POOL_SIZE)"
  # shellcheck disable=SC2086 # BARE_JAVA_OPTS is a list of options
  HTTP_PORT="$port" BARE_INSTANCES="$BARE_INSTANCES" DB_POOL_SIZE="$BARE_DB_POOL_SIZE" \
    DB_WAIT_QUEUE_SIZE=1024 java $BARE_JAVA_OPTS -jar "$BARE_JAR" >"$BARE_LOG" 2>&1 </dev/null &
  BARE_PID=$!
  wait_ready "bare server" "$BARE_PID" "$BARE_URL/health" "$BARE_LOG"
}

mint_token() { # variable scope...: a dev token for TENANT with the scopes, minted by the jar, into the variable
  local variable="$1" minted
  shift
  minted="$(timeout 120 java -jar "$JAR" token --tenant "$TENANT" --scope "$*" \
    2>"$WORK_DIR/token.log" </dev/null)" || {
    tail -n 20 "$WORK_DIR/token.log" >&2 || true
    die "could not mint a token"
  }
  [[ -n "$minted" ]] || die "the token command printed nothing"
  printf -v "$variable" '%s' "$minted"
}

# ---------------------------------------------------------------------------------------------------- measuring
declare -A R=()  # results: R[<operation>.<server>.<field>] and R[<operation>.<field>]

field() { # line name: the value of name=value in a result line
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n 1
}
calc() { # awk expression over the variables a, b: prints the result
  awk -v a="$2" -v b="${3:-0}" "BEGIN { $1 }"
}
load_average() { cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?'; }

run_wrk() { # server mode prefix seconds output-file [extra wrk options]
  local server="$1" mode="$2" prefix="$3" seconds="$4" output="$5" pid
  shift 5
  pid="$(server_pid "$server")"
  BENCH_MODE="$(wrk_mode "$server" "$mode")" BENCH_TOKEN="$(server_token "$server")" \
    BENCH_PREFIX="$RUN_ID-$prefix" BENCH_IDS="$WORK_DIR/ids.txt" BENCH_CREDENTIAL="${CREDENTIAL_ID:-}" \
    BENCH_VAULT_PATH="${VAULT_READ_PATH:-}" \
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

measure_operation() { # mode warm-up-seconds: warm-up each server, then alternating slices; R[mode.ratio]
  local mode="$1" warmup="$2" k server
  if ((warmup > 0)); then
    for server in gateway "$COMPARATOR"; do
      log "$mode: warm-up $server, wrk ${warmup}s, $CONNECTIONS connections, $THREADS threads (discarded)"
      run_wrk "$server" "$mode" "$server-warmup-$mode" "$warmup" "$WORK_DIR/wrk-$mode-$server-warmup.txt"
    done
  fi
  log "$mode: measuring, $SLICES x ${SLICE}s per server, alternating" \
    "(gateway, $COMPARATOR, $COMPARATOR, gateway, ...)"
  for k in $(seq 1 "$SLICES"); do
    if ((k % 2)); then
      measure_slice gateway "$mode" "$k"
      measure_slice "$COMPARATOR" "$mode" "$k"
    else
      measure_slice "$COMPARATOR" "$mode" "$k"
      measure_slice gateway "$mode" "$k"
    fi
  done
  R[$mode.ratio]="$(calc 'if (b > 0) printf "%.2f", a / b; else print "n/a"' "${R[$mode.gateway.rps]}" \
    "${R[$mode.$COMPARATOR.rps]}")"
}

met_text() { if (($1)); then echo "met"; else echo "NOT met"; fi; }

result_line() { # met target-count problem...: the summary's last line, OK or FAILED with the problems
  local met="$1" targets="$2"
  shift 2
  printf 'result: %s of %s targets met; ' "$met" "$targets"
  if (($# == 0)); then
    printf 'OK\n'
  else
    printf 'FAILED: %s\n' "$(IFS=';'; echo "$*")"
  fi
}

publish_summary() { # summary file-name: appends the summary to RESULTS_DIR/file-name and prints it
  mkdir -p "$RESULTS_DIR"
  printf '%s\n\n' "$1" >>"$RESULTS_DIR/$2"
  printf '\n%s\n' "$1"
  log "summary appended to ${RESULTS_DIR#"$ROOT"/}/$2"
}

source_commit() { # the short commit, marked when the measured sources have uncommitted changes
  local commit
  commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git status --porcelain -- "$@" 2>/dev/null)" ]]; then
    commit="$commit (+ uncommitted changes)"
  fi
  echo "$commit"
}
