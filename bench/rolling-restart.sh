#!/usr/bin/env bash
# Zero dropped requests across a rolling restart behind a real load balancer: starts the local cluster
# (bench/cluster.sh: PostgreSQL, CLUSTER_SIZE gateways, HAProxy health-checking /health/ready), drives load through
# HAProxy (bench/RollLoad.java: creates with Idempotency-Key, reads, lists), restarts every instance in turn
# (SIGTERM, drain, restart, back in HAProxy), then stops the load and reports. Exits non-zero if any request
# failed. See bench/README.md.
#
#   bash bench/rolling-restart.sh            # 3 instances, drain 5 s
#   ROLL_SHORT=1 bash bench/rolling-restart.sh   # the short version CI runs: 2 instances, drain 2 s
#
# Settings: those of bench/cluster.sh, plus LOAD_WORKERS (8; 4 when short), KEEP=1 to leave the cluster running.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$BENCH_DIR/.."

if [[ "${ROLL_SHORT:-0}" == 1 ]]; then
  export CLUSTER_SIZE="${CLUSTER_SIZE:-2}"
  export HTTP_DRAIN_SECONDS="${HTTP_DRAIN_SECONDS:-2}"
  export HTTP_SHUTDOWN_GRACE_SECONDS="${HTTP_SHUTDOWN_GRACE_SECONDS:-5}"
  export LOAD_WORKERS="${LOAD_WORKERS:-4}"
fi
export CLUSTER_SIZE="${CLUSTER_SIZE:-3}"
export HTTP_DRAIN_SECONDS="${HTTP_DRAIN_SECONDS:-5}"
export HTTP_SHUTDOWN_GRACE_SECONDS="${HTTP_SHUTDOWN_GRACE_SECONDS:-10}"
export CLUSTER_PORT="${CLUSTER_PORT:-18200}"
export CLUSTER_DB="${CLUSTER_DB:-vg_roll_$$}"
export CLUSTER_DIR="${CLUSTER_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vg-roll.XXXXXX")}"
export LOAD_WORKERS="${LOAD_WORKERS:-8}"

log() { printf '[roll %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
LOAD_PID=""
STOP_FILE="$CLUSTER_DIR/stop-load"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$LOAD_PID" ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
    touch "$STOP_FILE"
    wait "$LOAD_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" != 1 ]]; then
    DROP=1 bash "$BENCH_DIR/cluster.sh" stop || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
LB_URL="$(bash "$BENCH_DIR/cluster.sh" start)"
TOKEN="$(bash "$BENCH_DIR/cluster.sh" token)"
[[ -n "$TOKEN" ]] || { log "could not mint a token"; exit 1; }

log "load: $LOAD_WORKERS workers through $LB_URL"
rm -f "$STOP_FILE"
LOAD_URL="$LB_URL" LOAD_TOKEN="$TOKEN" LOAD_STOP_FILE="$STOP_FILE" LOAD_SECONDS=900 \
  java "$BENCH_DIR/RollLoad.java" >"$CLUSTER_DIR/load.out" 2>"$CLUSTER_DIR/load.err" </dev/null &
LOAD_PID=$!
sleep 3

roll_started=$SECONDS
bash "$BENCH_DIR/cluster.sh" roll
roll_seconds=$((SECONDS - roll_started))
sleep 2

touch "$STOP_FILE"
wait "$LOAD_PID" || true
LOAD_PID=""
counters="$(bash "$BENCH_DIR/cluster.sh" counters)"
result="$(grep '^ROLL_LOAD ' "$CLUSTER_DIR/load.out" || true)"
if [[ -z "$result" ]]; then
  cat "$CLUSTER_DIR/load.err" >&2 || true
  log "the load generator reported nothing"
  exit 1
fi
grep '^ROLL_LOAD_FAILURE ' "$CLUSTER_DIR/load.out" >&2 || true
failed="$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$result")"

printf '=== rolling restart of %s instances (drain %ss) in %ss, %ss in all ===\n%s\n%s\n' "$CLUSTER_SIZE" \
  "$HTTP_DRAIN_SECONDS" "$roll_seconds" "$((SECONDS - started))" "$result" "$counters"
if [[ "$failed" != 0 ]]; then
  log "FAILED: $failed requests failed across the roll"
  exit 1
fi
log "OK: no request failed across the roll"
