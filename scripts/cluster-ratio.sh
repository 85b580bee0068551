#!/usr/bin/env bash
# The hot path clustered against unclustered, side by side in one run (README, "Several instances"): cached token
# checks (GET /api/v2/auth/me with one bot token, a credential cache hit) on instance A, clustered with a second
# member B joined, and on instance U, the same jar unclustered; all three on one PostgreSQL. A and U take turns,
# ROUNDS times, so that a drift of the machine touches both alike; each reports its median round, then the ratio
# A / U (the goal is >= 0.95). Run by hand: bash scripts/cluster-ratio.sh [seconds per instance]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -q wrk >/dev/null; }

DURATION=${1:-30}
ROUNDS=${ROUNDS:-5}
CONNECTIONS=64
THREADS=2
work=$(mktemp -d)
chmod 755 "$work"  # the database server runs as postgres
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; stop_external_pg "$work/pg"; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

start_external_pg "$work/pg"
key=$(head -c 32 /dev/urandom | base64)
hazelcast_a=$(free_port)
hazelcast_b=$(free_port)
cluster=(PLATZ_CLUSTER_NAME="platz-ratio-$$" PLATZ_CLUSTER_MEMBERS="127.0.0.1:$hazelcast_a,127.0.0.1:$hazelcast_b")

# start NAME [SETTING=VALUE...]: an instance on the shared database and server key; sets PORT
start() {
  local name=$1; shift
  PORT=$(free_port)
  env "$@" PLATZ_DATABASE_URL="$EXTERNAL_PG_URL" PLATZ_SERVER_KEY="$key" PLATZ_HTTP_PORT="$PORT" \
    PLATZ_DATA_DIR="$work/$name" java ${PLATZ_JAVA_OPTS:-} -jar "$PLATZ_JAR" >"$work/$name.log" 2>&1 &
  pids+=($!)
  wait_ready "$PORT" 180 || { cat "$work/$name.log" >&2; exit 1; }
}
start a "${cluster[@]}" PLATZ_CLUSTER_PORT="$hazelcast_a"; port_a=$PORT
start b "${cluster[@]}" PLATZ_CLUSTER_PORT="$hazelcast_b"
start u; port_u=$PORT
grep -h 'joined cluster' "$work/b.log" >&2

python3 scripts/lib/seed_identity.py "$port_a" "$(cat "$work/a/initial-admin-token")" "$work" 0
bot_token=$(cat "$work/bot-token")

# rate PORT SECONDS: requests/s of cached token checks on that instance
rate() {
  TOKEN=$bot_token wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s scripts/lib/token.lua "http://127.0.0.1:$1/api/v2/auth/me" \
    | awk '/^Requests\/sec/ {print $2}'
}
median() {
  tr ' ' '\n' <<<"$*" | sed '/^$/d' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

echo "warming up" >&2
rate "$port_a" 5 >/dev/null
rate "$port_u" 5 >/dev/null
round_seconds=$(( DURATION / ROUNDS > 0 ? DURATION / ROUNDS : 1 ))
echo "$CONNECTIONS connections, $THREADS wrk threads, $ROUNDS rounds of ${round_seconds}s per instance, $(nproc) cores"
clustered="" single=""
for round in $(seq "$ROUNDS"); do
  clustered+="$(rate "$port_a" "$round_seconds") "
  single+="$(rate "$port_u" "$round_seconds") "
done
echo "rounds, clustered:   $clustered"
echo "rounds, unclustered: $single"
c=$(median "$clustered")
u=$(median "$single")
printf '%-48s %10.0f req/s\n' "/auth/me cache hit, clustered (2 members)" "$c" "/auth/me cache hit, unclustered" "$u"
awk -v c="$c" -v u="$u" 'BEGIN {printf "ratio clustered / unclustered: %.3f (goal >= 0.95)\n", c / u}'
