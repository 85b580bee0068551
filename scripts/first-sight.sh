#!/usr/bin/env bash
# The first sight of a token, (d) of bench.sh, against its baseline (h), pgbench -S, for one or more builds side by
# side. The builds take turns on one data directory, seeded once: each turn restarts the server on it, so every
# seeded token is new to that process (the cache of verified credentials is in memory). Each turn warms the server
# (the bare route, a cached token, then WARM first sights) before it measures. Run by hand:
#
#   bash scripts/first-sight.sh [ROUNDS] LABEL=JAR LABEL=JAR ...
#
# Per round and build: (d) for SECONDS_EACH seconds (default 4) on 64 connections, then (h) as long on as many
# clients; the CPU time of the JVM and of PostgreSQL per request, and apart from it the load generator's (wrk's for
# (d), pgbench's for (h)); the tokens per lookup statement; and the pool's connections in use and requests waiting
# for one, read half way through (d).
#
# STEADY=SECONDS measures the miss path once the JIT has compiled it, as in a process that has run for hours: the
# server keeps only STEADY_CACHE (default 1,000) verified credentials, and wrk cycles through all the seeded tokens,
# first for SECONDS of warm-up, then for the measured (d); a token comes back only after some 58,000 others, long
# evicted, so each request is still a miss of the credential cache (the "misses" column, counted by the server,
# shows it). What differs from a true first sight: `last_used_at` is noted at most once a minute per token, as in a
# server that has run for a while, instead of at every first sight.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_wrk
command -v /usr/bin/time >/dev/null || { echo "installing time" >&2; apt-get install -y -q time >/dev/null; }
rounds=3
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [ROUNDS] LABEL=JAR ..." >&2; exit 2; }
SECONDS_EACH=${SECONDS_EACH:-4}
WARM=${WARM:-10000}
MEASURED=${MEASURED:-48000}
STEADY=${STEADY:-0}
work=$(mktemp -d)
port=$(free_port)
pid=
hz=$(getconf CLK_TCK)
stop_server() {
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}
trap 'stop_server; rm -rf "$work"' EXIT

PLATZ_JAR=${1#*=} start_bench_server "$work" "$port"
echo "seeding $(( WARM + MEASURED )) fresh tokens" >&2
python3 scripts/lib/seed_identity.py "$port" "$(cat "$work/data/initial-admin-token")" "$work" $(( WARM + MEASURED ))
PGPASSWORD=$(cat "$work/data/postgres.password") pgbench -i -q -s 10 -h 127.0.0.1 \
  -p "$(sed -n 4p "$work/data/postgres/postmaster.pid")" -U postgres platz >/dev/null 2>&1
stop_server
head -n "$WARM" "$work/fresh-tokens" > "$work/warm-tokens"
tail -n +"$(( WARM + 1 ))" "$work/fresh-tokens" > "$work/measured-tokens"
cycle=0
if (( STEADY > 0 )); then
  export PLATZ_AUTH_CACHE_SIZE=${STEADY_CACHE:-1000}
  cycle=1
  cp "$work/fresh-tokens" "$work/measured-tokens"
fi

# per_request TICKS REQUESTS: µs of CPU per request
per_request() {
  bc -l <<<"$1 * 1000000 / $hz / $2" | xargs printf '%.0f'
}
# generator_per_request TIME_FILE REQUESTS: µs of the load generator's CPU per request, from /usr/bin/time's '%U %S'
generator_per_request() {
  awk -v n="$2" '{printf "%.0f", ($1 + $2) * 1000000 / n}' "$1"
}
metric() {
  curl -s "$1/metrics" | awk -v name="$2" '$1 ~ "^"name && /platz|credential/ {n+=$NF} END {printf "%.0f", n}'
}

echo "$rounds rounds of ${SECONDS_EACH}s per build, $(nproc) cores"
for round in $(seq "$rounds"); do
  for spec in "$@"; do
    label=${spec%%=*}
    PLATZ_JAR=${spec#*=} start_bench_server "$work" "$port"
    url="http://127.0.0.1:$port"
    pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
    export PGPASSWORD=$(cat "$work/data/postgres.password")
    wrk -t2 -c64 -d8s "$url/status" >/dev/null
    TOKEN=$(cat "$work/bot-token") wrk -t2 -c64 -d8s -s scripts/lib/token.lua "$url/api/v2/auth/me" >/dev/null
    TOKENS_FILE="$work/warm-tokens" THREADS=2 wrk -t2 -c64 -d15s -s scripts/lib/fresh_tokens.lua "$url/api/v2/auth/me" >/dev/null
    if (( STEADY > 0 )); then
      CYCLE=1 TOKENS_FILE="$work/measured-tokens" THREADS=2 wrk -t2 -c64 -d"${STEADY}s" -s scripts/lib/fresh_tokens.lua \
        "$url/api/v2/auth/me" >/dev/null
    fi

    pids=$(server_pids "$work/data" "$pid")
    ticks=$(cpu_ticks "$pids") jvm_ticks=$(cpu_ticks "$pid") statements=$(metric "$url" platz_auth_credential_lookup_statements_total)
    lookups=$(metric "$url" platz_auth_credential_lookups_total)
    ( sleep $(( SECONDS_EACH / 2 )); echo "$(metric "$url" vertx_pool_in_use) $(metric "$url" vertx_pool_queue_pending)" > "$work/pool" ) &
    out=$(CYCLE=$cycle TOKENS_FILE="$work/measured-tokens" THREADS=2 /usr/bin/time -f '%U %S' -o "$work/d-time" wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency \
      -s scripts/lib/fresh_tokens.lua "$url/api/v2/auth/me")
    wait $!
    answered=$(awk '/requests in/ {print $1}' <<<"$out")
    (( ${answered:-0} > 0 )) || { echo "wrk answered nothing: $out" >&2; exit 1; }
    cpu=$(per_request $(( $(cpu_ticks "$pids") - ticks )) "$answered")
    jvm=$(per_request $(( $(cpu_ticks "$pid") - jvm_ticks )) "$answered")
    statements=$(( $(metric "$url" platz_auth_credential_lookup_statements_total) - statements ))
    lookups=$(( $(metric "$url" platz_auth_credential_lookups_total) - lookups ))
    d=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    read -r in_use waiting < "$work/pool"

    wait_for_last_used_notes
    pids=$(server_pids "$work/data" "$pid")
    ticks=$(cpu_ticks "$pids") jvm_ticks=$(cpu_ticks "$pid")
    pgbench_out=$(/usr/bin/time -f '%U %S' -o "$work/h-time" pgbench -n -S -M prepared -h 127.0.0.1 -p "$pg_port" -U postgres -c 64 -j 2 -T "$SECONDS_EACH" platz 2>&1)
    sleep 1  # pgbench's backends have ended: their time is the postmaster's now
    h=$(awk '/^tps/ {print $3}' <<<"$pgbench_out")
    transactions=$(awk '/transactions actually processed/ {print $NF}' <<<"$pgbench_out")
    h_cpu=$(per_request $(( $(cpu_ticks "$pids") - ticks )) "$transactions")
    # the JVM's share is its own background work during (h) (the JIT, timers)
    h_jvm=$(per_request $(( $(cpu_ticks "$pid") - jvm_ticks )) "$transactions")
    printf '%s %-10s d %6.0f/s p99 %-9s misses %3s%% CPU %4s µs (JVM %4s, wrk %3s) tokens/statement %-5s pool in use %-3s waiting %-3s | h %6.0f tx/s CPU %3s µs (JVM %3s, pgbench %3s) | d/h %.2f | load %s\n' \
      "$round" "$label" "$d" "$p99" "$(( lookups * 100 / answered ))" "$cpu" "$jvm" "$(generator_per_request "$work/d-time" "$answered")" \
      "$( (( statements > 0 )) && bc -l <<<"$lookups / $statements" | xargs printf '%.1f' || echo -)" \
      "$in_use" "$waiting" "$h" "$h_cpu" "$h_jvm" "$(generator_per_request "$work/h-time" "$transactions")" "$(bc -l <<<"$d / $h")" "$(load_average)"
    stop_server
  done
done
