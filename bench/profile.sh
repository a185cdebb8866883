# `bash bench/run.sh profile`, sourced by run.sh after its settings, lib.sh and the cleanup trap (not run on its
# own): what each microsecond of a request pays for, in the gateway and in the bare server, for create and get.
# Each server runs under wrk as in the main run; during the measured seconds perf samples its threads (user and
# kernel, with call stacks; the JVMs run with -XX:+PreserveFramePointer and write a perf map on exit so that
# compiled Java frames have names), and /proc gives the CPU time the process used. CPU microseconds per request
# times each component's share of the samples (bench/stacks.py) is what that component costs per request.
# See bench/README.md, "Profile".
# shellcheck shell=bash disable=SC2154 # settings, results (R) and helpers come from run.sh and lib.sh

require_tools perf python3 psql pg_isready curl mvn
build_gateway
build_bare
ensure_postgres
create_database

PERF_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer -XX:+DumpPerfMapAtExit"
BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS $PERF_JAVA_OPTS"
BARE_JAVA_OPTS="$BARE_JAVA_OPTS $PERF_JAVA_OPTS"
CLOCK_TICKS="$(getconf CLK_TCK)"
RUN_ID="r$(date +%s)-$$-$RANDOM"
PROFILED=(create get)

start_gateway
TOKEN=""
mint_token TOKEN "vault-integrations:write"
start_bare
GATEWAY_PID="$SERVICE_PID"
BARE_SERVER_PID="$BARE_PID"
COMPARATOR=bare
server_url() { if [[ "$1" == gateway ]]; then echo "$BASE_URL"; else echo "$BARE_URL"; fi; }
server_pid() { if [[ "$1" == gateway ]]; then echo "$SERVICE_PID"; else echo "$BARE_PID"; fi; }
server_token() { echo "$TOKEN"; }
wrk_mode() { echo "$2"; }

cpu_ticks() { # pid: user + system clock ticks of every thread of the process so far
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

profile_server() { # server mode: wrk for DURATION s with perf attached; R[mode.server.{rps,cpu_us,samples}]
  local server="$1" mode="$2" pid out data before after perf_pid line responses seconds
  pid="$(server_pid "$server")"
  out="$WORK_DIR/wrk-$mode-$server.txt"
  data="$WORK_DIR/perf-$mode-$server.data"
  log "$mode: profiling the $server for ${DURATION}s under wrk"
  perf record -q -F 499 -g -p "$pid" -o "$data" -- sleep "$DURATION" >"$WORK_DIR/perf-$mode-$server.log" 2>&1 &
  perf_pid=$!
  before="$(cpu_ticks "$pid")"
  run_wrk "$server" "$mode" "$server-profile-$mode" "$DURATION" "$out"
  after="$(cpu_ticks "$pid")"
  wait "$perf_pid" || { cat "$WORK_DIR/perf-$mode-$server.log" >&2; die "perf record failed (is perf allowed here?)"; }
  line="$(grep '^BENCH_RESULT ' "$out" | tail -n 1)" || true
  [[ -n "$line" ]] || { cat "$out" >&2; die "wrk ($mode, $server) printed no BENCH_RESULT line"; }
  responses="$(field "$line" ok)"
  seconds="$(field "$line" duration_s)"
  ((responses > 0)) || die "no expected answers from the $server ($mode)"
  R[$mode.$server.rps]="$(calc 'printf "%.0f", a / b' "$responses" "$seconds")"
  R[$mode.$server.cpu_us]="$(calc 'printf "%.1f", a' \
    "$(awk -v t=$((after - before)) -v hz="$CLOCK_TICKS" -v n="$responses" 'BEGIN { print t / hz * 1e6 / n }')")"
  R[$mode.$server.data]="$data"
}

for mode in "${PROFILED[@]}"; do
  if [[ "$mode" == get ]]; then
    timeout 60 psql -X -At -d "$DB_NAME" -c "SELECT id FROM vault_integrations WHERE tenant_id = '$TENANT'
      ORDER BY random() LIMIT 1000" >"$WORK_DIR/ids.txt" || die "could not pick ids for the GET runs"
    [[ -s "$WORK_DIR/ids.txt" ]] || die "no rows to read back"
  fi
  for server in gateway bare; do
    log "$mode: warm-up $server, wrk ${WARMUP}s (discarded)"
    run_wrk "$server" "$mode" "$server-warmup-$mode" "$WARMUP" "$WORK_DIR/wrk-$mode-$server-warmup.txt"
    profile_server "$server" "$mode"
  done
done
LOAD_AFTER="$(load_average)"

# The perf maps name the compiled Java frames; each JVM writes its map when it exits.
stop_service
stop_bare
for mode in "${PROFILED[@]}"; do
  for server in gateway bare; do
    perf script -i "${R[$mode.$server.data]}" 2>/dev/null | python3 "$BENCH_DIR/stacks.py" \
      >"$WORK_DIR/shares-$mode-$server.txt" || die "could not read the perf samples ($mode, $server)"
  done
done
rm -f "/tmp/perf-$GATEWAY_PID.map" "/tmp/perf-$BARE_SERVER_PID.map"

share() { # mode server component: the component's share of the samples, 0 if none
  awk -F '\t' -v c="$3" '$1 == c { print $2; found = 1 } END { if (!found) print 0 }' "$WORK_DIR/shares-$1-$2.txt"
}

summary="$(
  printf '=== Vault Gateway CPU profile, %s ===\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'commit %s; %s CPU cores; load average after %s; wrk %s connections, %s threads, %s s per server after %s s\n' \
    "$(source_commit src schemas conf pom.xml bench/bare)" "$CORES" "$LOAD_AFTER" "$CONNECTIONS" "$THREADS" \
    "$DURATION" "$WARMUP"
  printf 'perf at 499 Hz per thread with call stacks; CPU from /proc (user + system, every thread of the process)\n\n'
  printf '%-36s' 'CPU microseconds per request'
  for mode in "${PROFILED[@]}"; do printf '%12s %9s' "$mode gw" "bare"; done
  printf '\n'
  printf '%-36s' 'requests per second'
  for mode in "${PROFILED[@]}"; do printf '%12s %9s' "${R[$mode.gateway.rps]}" "${R[$mode.bare.rps]}"; done
  printf '\n%-36s' 'CPU per request, all of it'
  for mode in "${PROFILED[@]}"; do printf '%12s %9s' "${R[$mode.gateway.cpu_us]}" "${R[$mode.bare.cpu_us]}"; done
  printf '\n'
  components="$(cat "$WORK_DIR"/shares-*.txt | cut -f 1 | grep -v '^samples$' | sort -u)"
  while IFS= read -r component; do
    printf '  %-34s' "$component"
    for mode in "${PROFILED[@]}"; do
      for server in gateway bare; do
        width=9
        [[ "$server" == gateway ]] && width=12
        printf "%${width}s" "$(calc 'printf "%.1f", a * b' "$(share "$mode" "$server" "$component")" \
          "${R[$mode.$server.cpu_us]}")"
        [[ "$server" == gateway ]] && printf ' '
      done
    done
    printf '\n'
  done <<<"$components"
  printf '%-36s' 'samples'
  for mode in "${PROFILED[@]}"; do
    printf '%12s %9s' "$(share "$mode" gateway samples)" "$(share "$mode" bare samples)"
  done
  printf '\n'
)"
publish_summary "$summary" profile.txt
