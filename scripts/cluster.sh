#!/usr/bin/env bash
# Three clustered instances of the built jar on loopback, on one PostgreSQL (a private Debian PostgreSQL 15),
# behind HAProxy, and the cluster's figures. Run by hand: bash scripts/cluster.sh [seconds per load run]
#
#   1  token checks/s through the balancer (GET /api/v2/auth/me, one bot token, cached), and on one instance
#      directly, alone and side by side with a write load (InvokeAction tasks) through the balancer
#   2  revocation under that mixed load: TRIALS times, a fresh bot token used on all three instances, revoked on
#      one, then tried right after the revoke's 2xx on the two others directly; counts what they still accept
#   3  publisher failover: the instance whose audit pump holds the publishing lock is killed (kill -9) under
#      the write load; the time from the kill until an event written on a survivor reaches a consumer outside
#      Platz (examples/audit-consumer), FAILOVERS times
#   4  join time: the killed instance started again, until it has joined the cluster and until it is ready
# Needs the example consumer too: mvn -B -ntp -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
CONSUMER_JAR=examples/audit-consumer/target/audit-consumer.jar
[ -f "$CONSUMER_JAR" ] || { echo "no $CONSUMER_JAR: build it first with: mvn -B -ntp -q package -DskipTests" >&2; exit 1; }
command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -q wrk >/dev/null; }
command -v haproxy >/dev/null || { echo "installing haproxy" >&2; apt-get install -y -q haproxy >/dev/null; }

DURATION=${1:-15}
TRIALS=${TRIALS:-1000}
FAILOVERS=${FAILOVERS:-3}
CONNECTIONS=64
THREADS=2
work=$(mktemp -d)
declare -a PID HTTP HZ
consumer=
balancer=
cleanup() {
  for p in "${PID[@]:-}" $consumer $balancer; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null
  stop_external_pg "$work/pg"
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

chmod 755 "$work"  # the external server runs as user postgres and must reach its folder
start_external_pg "$work/pg"
server_key=$(head -c 32 /dev/urandom | base64)
cluster_name="platz-figures-$$"
for i in 0 1 2; do HTTP[$i]=$(free_port); HZ[$i]=$(free_port); done
members="127.0.0.1:${HZ[0]},127.0.0.1:${HZ[1]},127.0.0.1:${HZ[2]}"

# start_instance I: starts instance I in the background (its log in $work/platz-I.log), sets PID[I]
start_instance() {
  local i=$1
  PLATZ_DATABASE_URL=$EXTERNAL_PG_URL PLATZ_SERVER_KEY=$server_key PLATZ_DATA_DIR="$work/data-$i" \
  PLATZ_HTTP_PORT=${HTTP[$i]} PLATZ_CLUSTER_NAME=$cluster_name PLATZ_CLUSTER_MEMBERS=$members \
  PLATZ_CLUSTER_HOST=127.0.0.1 PLATZ_CLUSTER_PORT=${HZ[$i]} PLATZ_AUTH_FAILURES_PER_MINUTE=100000000 \
    java ${PLATZ_JAVA_OPTS:-} -jar "$PLATZ_JAR" >>"$work/platz-$i.log" 2>&1 &
  PID[$i]=$!
}

for i in 0 1 2; do
  start_instance "$i"
  wait_ready "${HTTP[$i]}" 180 || { cat "$work/platz-$i.log" >&2; exit 1; }
done
admin=$(cat "$work/data-0/initial-admin-token")
echo "seeding: a bot token; 10 envs of 100 deployments; a bot that may invoke an action" >&2
seed_scenarios "${HTTP[0]}" "$admin" "$work" 10
export ADMIN_TOKEN=$admin BOT_TOKEN=$(cat "$work/tasks-bot-token") DEPLOYMENTS_TOKEN=$(cat "$work/deployments-bot-token") \
  DEPLOYMENT=$(cat "$work/tasks-deployment")
trial_bot=$(python3 -c "import sys; sys.path.insert(0, 'scripts/lib'); from platz_client import Platz; \
print(Platz(${HTTP[0]}, '$admin').post('/bots', {'display_name': 'revocation trials'})['id'])")

lb=$(free_port)
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend platz
  bind 127.0.0.1:$lb
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /ready
  default-server check inter 500ms fall 2 rise 2
  server a 127.0.0.1:${HTTP[0]}
  server b 127.0.0.1:${HTTP[1]}
  server c 127.0.0.1:${HTTP[2]}
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
balancer=$!
wait_ready "$lb" 30 || { cat "$work/haproxy.log" >&2; exit 1; }

PLATZ_CLUSTER_MEMBERS=$members PLATZ_CLUSTER_NAME=$cluster_name CONSUMER_CLUSTER_PORT=$(free_port) \
PLATZ_URL="http://127.0.0.1:${HTTP[0]}" PLATZ_TOKEN=$admin CONSUMER_STATE_FILE="$work/consumer.last-seq" \
  java -jar "$CONSUMER_JAR" >"$work/consumer.out" 2>"$work/consumer.log" &
consumer=$!

# checks URL SECONDS: token checks per second with wrk
checks() {
  TOKEN=$BOT_TOKEN wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s scripts/lib/token.lua "$1/api/v2/auth/me" \
    | awk '/^Requests\/sec/ {printf "%.0f", $2}'
}

# writes SECONDS: InvokeAction tasks through the balancer in the background, wrk's output in $work/writes.txt
writes() {
  TOKEN=$BOT_TOKEN wrk -t1 -c8 -d"$1"s --timeout 10s -s scripts/lib/invoke_action.lua "http://127.0.0.1:$lb/api/v2/deployment-tasks" \
    >"$work/writes.txt" 2>&1 &
  WRITES=$!
}

echo "warming up" >&2
checks "http://127.0.0.1:$lb" 5 >/dev/null
echo
echo "== 1. token checks/s (GET /api/v2/auth/me, cached), ${DURATION}s each"
echo "through the balancer:                 $(checks "http://127.0.0.1:$lb" "$DURATION")"
echo "one instance directly:                $(checks "http://127.0.0.1:${HTTP[1]}" "$DURATION")"
writes "$DURATION"
echo "through the balancer, with writes:    $(checks "http://127.0.0.1:$lb" "$DURATION")"
wait "$WRITES"
echo "  the writes meanwhile (tasks/s):     $(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/writes.txt")"

echo
echo "== 2. revocation under the mixed load: $TRIALS trials"
long=$(( DURATION * 40 ))
writes "$long"
TOKEN=$BOT_TOKEN wrk -t1 -c16 -d"$long"s -s scripts/lib/token.lua "http://127.0.0.1:$lb/api/v2/auth/me" >/dev/null 2>&1 &
reads=$!
python3 scripts/lib/cluster_trials.py revocation "${HTTP[0]},${HTTP[1]},${HTTP[2]}" "$admin" "$trial_bot" "$TRIALS"
kill "$WRITES" "$reads" 2>/dev/null || true
wait "$WRITES" "$reads" 2>/dev/null || true

echo
echo "== 3. publisher failover (kill -9 of the instance whose pump holds the lock, under the write load)"
echo "== 4. join time of an instance started into the running cluster"
pg_lock_holder() {
  "$EXTERNAL_PG_BIN/psql" -h 127.0.0.1 -p "$EXTERNAL_PG_PORT" -U platz -d platz -Atc "SELECT a.application_name \
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted \
    AND a.application_name LIKE 'platz audit pump%'" | sed -n 's/.*pid \([0-9]*\)$/\1/p'
}
for round in $(seq "$FAILOVERS"); do
  writes 60
  victim=
  until [ -n "$victim" ]; do
    holder=$(pg_lock_holder)
    for i in 0 1 2; do [ "${PID[$i]}" = "$holder" ] && victim=$i; done
  done
  survivor=$(( (victim + 1) % 3 ))
  kill -9 "${PID[$victim]}"
  killed=$(now_ms)
  took=$(python3 scripts/lib/cluster_trials.py failover "$work/consumer.out" "${HTTP[$survivor]}" "$admin" "$killed")
  kill "$WRITES" 2>/dev/null || true
  wait "$WRITES" 2>/dev/null || true
  echo "round $round: instance $victim killed; events flow again after $took ms"

  : >"$work/platz-$victim.log"
  started=$(now_ms)
  start_instance "$victim"
  until grep -q "joined cluster" "$work/platz-$victim.log"; do
    kill -0 "${PID[$victim]}" 2>/dev/null || { cat "$work/platz-$victim.log" >&2; exit 1; }
    sleep 0.05
  done
  joined=$(now_ms)
  wait_ready "${HTTP[$victim]}" 180 || { cat "$work/platz-$victim.log" >&2; exit 1; }
  echo "round $round: instance $victim started again: joined the cluster after $(( joined - started )) ms, ready after $(( $(now_ms) - started )) ms"
done

repeats=$(python3 -c "import json,sys; s=[json.loads(l)['seq'] for l in open('$work/consumer.out')]; \
print(f'{len(s)} events printed, seq {s[0]}..{s[-1]}, in order without a gap or a repeat: {s == list(range(s[0], s[-1] + 1))}')")
echo
echo "consumer outside Platz: $repeats"
