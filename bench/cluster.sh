#!/usr/bin/env bash
# A local cluster: PostgreSQL, N gateway instances and HAProxy in front, all on 127.0.0.1. See bench/README.md.
#
#   bash bench/cluster.sh start     # PostgreSQL (if needed), N gateways, HAProxy; prints the URL and a token
#   bash bench/cluster.sh status    # what runs, and what HAProxy thinks of each instance
#   bash bench/cluster.sh roll      # rolling restart: each instance in turn gets SIGTERM, restarts, rejoins
#   bash bench/cluster.sh token     # a dev token for the cluster (tenant and scope: CLUSTER_TENANT, CLUSTER_SCOPE)
#   bash bench/cluster.sh stop      # stops HAProxy and the gateways (SIGTERM); DROP=1 also drops the database
#
# Settings (environment):
#   CLUSTER_SIZE=3         gateway instances
#   CLUSTER_PORT=18100     HAProxy's port; the gateways listen on CLUSTER_PORT+1.., HAProxy's stats on CLUSTER_PORT+99
#   CLUSTER_DIR            state (pids, logs, dev keys, HAProxy config); default bench/.cluster (git-ignored)
#   CLUSTER_DB=vg_cluster  the database (created if missing); PGPORT, PGUSER, PGPASSWORD pass through
#   HTTP_DRAIN_SECONDS=5, HTTP_SHUTDOWN_GRACE_SECONDS=10, VERTICLE_INSTANCES=1, RATE_LIMITS_ENABLED=false, and any
#   other gateway setting pass through to every instance; CLUSTER_JAVA_OPTS adds JVM options.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

CLUSTER_SIZE="${CLUSTER_SIZE:-3}"
CLUSTER_PORT="${CLUSTER_PORT:-18100}"
CLUSTER_DIR="${CLUSTER_DIR:-$BENCH_DIR/.cluster}"
CLUSTER_DB="${CLUSTER_DB:-vg_cluster}"
CLUSTER_TENANT="${CLUSTER_TENANT:-cluster}"
CLUSTER_SCOPE="${CLUSTER_SCOPE:-vault-integrations:write}"
CLUSTER_JAVA_OPTS="${CLUSTER_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
JAR=target/vault-gateway.jar

export HTTP_DRAIN_SECONDS="${HTTP_DRAIN_SECONDS:-5}"
export HTTP_SHUTDOWN_GRACE_SECONDS="${HTTP_SHUTDOWN_GRACE_SECONDS:-10}"
export VERTICLE_INSTANCES="${VERTICLE_INSTANCES:-1}"
# the limits are per tenant and per instance; a load test from one tenant measures availability, not them
export RATE_LIMITS_ENABLED="${RATE_LIMITS_ENABLED:-false}"

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$CLUSTER_SIZE" =~ ^[0-9]+$ ]] && ((CLUSTER_SIZE >= 1 && CLUSTER_SIZE <= 16)) || die "CLUSTER_SIZE must be 1..16"
[[ "$CLUSTER_PORT" =~ ^[0-9]+$ ]] && ((CLUSTER_PORT >= 1024 && CLUSTER_PORT <= 65400)) ||
  die "CLUSTER_PORT must be 1024..65400"
[[ "$CLUSTER_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "CLUSTER_DB must be a plain lower-case identifier"

# Everything stays on this machine's loopback.
unset DATABASE_URL
export PGHOST=127.0.0.1
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
export PGDATABASE="$CLUSTER_DB"
export APP_PROFILE=dev
export HTTP_HOST=127.0.0.1
export DATA_DIR="$CLUSTER_DIR/data"

STATS_PORT=$((CLUSTER_PORT + 99))
LB_URL="http://127.0.0.1:$CLUSTER_PORT"

instance_port() { echo $((CLUSTER_PORT + $1)); }
pid_file() { echo "$CLUSTER_DIR/gateway-$1.pid"; }
alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------- pieces
ensure_tools() {
  for tool in java curl psql pg_isready; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
  done
  if ! command -v haproxy >/dev/null 2>&1; then
    log "installing haproxy (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    { timeout 300 apt-get update -qq && timeout 300 apt-get install -y -qq haproxy; } >/dev/null 2>&1 ||
      die "could not install haproxy (apt-get install haproxy)"
  fi
}

ensure_jar() {
  local stale=0
  if [[ ! -f "$JAR" ]]; then
    stale=1
  else
    for source in src/main schemas conf pom.xml; do
      if [[ -e "$source" ]] && [[ -n "$(find "$source" -newer "$JAR" -print -quit)" ]]; then
        stale=1
        break
      fi
    done
  fi
  if ((stale)); then
    log "building $JAR (mvn -B -q package -DskipTests)"
    timeout 900 mvn -B -q package -DskipTests </dev/null || die "build failed"
  fi
}

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT"; then
    local version
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$version" ]] || die "PostgreSQL is not running on 127.0.0.1:$PGPORT and no cluster is in /etc/postgresql"
    log "starting PostgreSQL $version/main"
    timeout 120 pg_ctlcluster --skip-systemctl-redirect "$version" main start || log "pg_ctlcluster reported a failure"
    for _ in $(seq 1 60); do
      pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break
      sleep 0.5
    done
    pg_isready -q -h 127.0.0.1 -p "$PGPORT" || die "PostgreSQL did not come up on 127.0.0.1:$PGPORT"
  fi
  if [[ "$(timeout 30 psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$CLUSTER_DB'")" != 1 ]]
  then
    timeout 30 psql -X -q -d postgres -c "CREATE DATABASE $CLUSTER_DB" >/dev/null || die "cannot create $CLUSTER_DB"
  fi
}

wait_ready() { # port: waits for the instance's own /health/ready
  local deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/health/ready" 2>/dev/null && return 0
    sleep 0.3
  done
  return 1
}

start_instance() { # index
  local i="$1" port
  port="$(instance_port "$i")"
  if alive "$(pid_file "$i")"; then
    log "gateway $i already runs (pid $(cat "$(pid_file "$i")"))"
    return 0
  fi
  # shellcheck disable=SC2086 # CLUSTER_JAVA_OPTS is a list of options
  HTTP_PORT="$port" nohup java -XX:-DontCompileHugeMethods $CLUSTER_JAVA_OPTS -jar "$JAR" >>"$CLUSTER_DIR/gateway-$i.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$i")"
  wait_ready "$port" || {
    tail -n 30 "$CLUSTER_DIR/gateway-$i.log" >&2 || true
    die "gateway $i (port $port) was not ready within $READY_TIMEOUT s"
  }
  log "gateway $i ready on 127.0.0.1:$port (pid $(cat "$(pid_file "$i")"))"
}

stop_instance() { # index: SIGTERM, then waits for the drain, the grace and the close
  local i="$1" pid bound
  alive "$(pid_file "$i")" || { rm -f "$(pid_file "$i")"; return 0; }
  pid="$(cat "$(pid_file "$i")")"
  kill -TERM "$pid" 2>/dev/null || true
  bound=$((HTTP_DRAIN_SECONDS + HTTP_SHUTDOWN_GRACE_SECONDS + 30))
  for _ in $(seq 1 $((bound * 5))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "gateway $i (pid $pid) did not stop within $bound s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$i")"
}

write_haproxy_config() {
  {
    cat <<EOF
# generated by bench/cluster.sh
global
  maxconn 4096
  pidfile $CLUSTER_DIR/haproxy.pid

defaults
  mode http
  option httplog
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  # connection-level failures are retried on another instance; the gateway's drain makes them rare
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response

frontend api
  bind 127.0.0.1:$CLUSTER_PORT
  default_backend gateways

backend gateways
  balance roundrobin
  option httpchk
  http-check send meth GET uri /health/ready
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
EOF
    for i in $(seq 1 "$CLUSTER_SIZE"); do
      echo "  server gateway-$i 127.0.0.1:$(instance_port "$i") check"
    done
    cat <<EOF

listen stats
  bind 127.0.0.1:$STATS_PORT
  stats enable
  stats uri /stats
EOF
  } >"$CLUSTER_DIR/haproxy.cfg"
}

start_haproxy() {
  if alive "$CLUSTER_DIR/haproxy.pid"; then
    return 0
  fi
  write_haproxy_config
  haproxy -c -q -f "$CLUSTER_DIR/haproxy.cfg" || die "invalid HAProxy configuration"
  haproxy -D -f "$CLUSTER_DIR/haproxy.cfg" >>"$CLUSTER_DIR/haproxy.log" 2>&1 </dev/null || die "HAProxy did not start"
  for _ in $(seq 1 50); do
    [[ "$(backend_up_count)" == "$CLUSTER_SIZE" ]] && break
    sleep 0.2
  done
  log "HAProxy on $LB_URL ($(backend_up_count)/$CLUSTER_SIZE instances up; stats on http://127.0.0.1:$STATS_PORT/stats)"
}

stop_haproxy() {
  if alive "$CLUSTER_DIR/haproxy.pid"; then
    kill -TERM "$(cat "$CLUSTER_DIR/haproxy.pid")" 2>/dev/null || true
  fi
  rm -f "$CLUSTER_DIR/haproxy.pid"
}

stats_csv() { curl -fsS --max-time 5 "http://127.0.0.1:$STATS_PORT/stats;csv" 2>/dev/null || true; }

# HAProxy's view of one server: UP, DOWN, ... (field 18 of the stats CSV)
server_status() { stats_csv | awk -F, -v s="gateway-$1" '$1 == "gateways" && $2 == s { print $18 }'; }
backend_up_count() { stats_csv | awk -F, '$1 == "gateways" && $2 ~ /^gateway-/ && $18 ~ /^UP/ { n++ } END { print n + 0 }'; }

# The backend's counters: retries (wretr), redispatches (wredis), connection and response errors (econ, eresp)
backend_counters() {
  stats_csv | awk -F, '$1 == "gateways" && $2 == "BACKEND" {
    printf "haproxy_retries=%s haproxy_redispatches=%s haproxy_connection_errors=%s haproxy_response_errors=%s\n",
      $16, $17, $14, $15 }'
}

wait_server_status() { # index status: waits until HAProxy reports the server in that state
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    [[ "$(server_status "$1")" == "$2"* ]] && return 0
    sleep 0.2
  done
  return 1
}

mint_token() {
  timeout 120 java -jar "$JAR" token --tenant "$CLUSTER_TENANT" --scope "$CLUSTER_SCOPE" 2>/dev/null </dev/null
}

# ---------------------------------------------------------------------------------------------------- commands
cmd_start() {
  mkdir -p "$CLUSTER_DIR/data"
  ensure_tools
  ensure_jar
  ensure_postgres
  # the first instance creates the dev keys in DATA_DIR; the others start after it and share them
  for i in $(seq 1 "$CLUSTER_SIZE"); do
    start_instance "$i"
  done
  start_haproxy
  echo "$LB_URL"
}

cmd_stop() {
  stop_haproxy
  for i in $(seq 1 16); do
    [[ -f "$(pid_file "$i")" ]] && stop_instance "$i"
  done
  if [[ "${DROP:-0}" == 1 ]]; then
    timeout 60 psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $CLUSTER_DB WITH (FORCE)" >/dev/null 2>&1 ||
      log "could not drop $CLUSTER_DB"
    rm -rf "$CLUSTER_DIR"
  fi
  log "cluster stopped"
}

cmd_status() {
  for i in $(seq 1 "$CLUSTER_SIZE"); do
    local state="stopped"
    alive "$(pid_file "$i")" && state="pid $(cat "$(pid_file "$i")")"
    printf 'gateway-%s 127.0.0.1:%s %s, HAProxy: %s\n' "$i" "$(instance_port "$i")" "$state" \
      "$(server_status "$i" || echo '?')"
  done
  alive "$CLUSTER_DIR/haproxy.pid" && printf 'haproxy %s %s\n' "$LB_URL" "$(backend_counters)"
}

cmd_roll() {
  alive "$CLUSTER_DIR/haproxy.pid" || die "the cluster is not running (bash bench/cluster.sh start)"
  for i in $(seq 1 "$CLUSTER_SIZE"); do
    log "rolling gateway $i: SIGTERM (drain ${HTTP_DRAIN_SECONDS}s, grace ${HTTP_SHUTDOWN_GRACE_SECONDS}s)"
    stop_instance "$i"
    wait_server_status "$i" DOWN || log "HAProxy did not mark gateway $i DOWN"
    start_instance "$i"
    wait_server_status "$i" UP || die "HAProxy did not take gateway $i back"
    log "gateway $i is back in HAProxy"
  done
  log "roll complete; $(backend_counters)"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  roll) cmd_roll ;;
  token) mint_token ;;
  counters) backend_counters ;;
  *)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
