#!/usr/bin/env bash
# Soak test: mixed traffic against the built jar for a chosen number of minutes, then a report of errors and
# latency, the process's memory, and an audit chain verification. Not part of CI. Run by hand:
#   bash scripts/soak.sh [minutes, default 10] [connections, default 32]
# The mix: /auth/me as a bot 40%, a bot's deployment list 25%, InvokeAction tasks 15%, History 10%,
# audit events 5%, junk tokens 5% (these must be 401 or 429, everything else 2xx).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
require_wrk

MINUTES=${1:-10}
CONNECTIONS=${2:-32}
work=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

PLATZ_HTTP_PORT=$port PLATZ_DATA_DIR="$work/data" PLATZ_AUTH_FAILURES_PER_MINUTE=1000000 \
  java ${PLATZ_JAVA_OPTS:-} -jar "$PLATZ_JAR" >"$work/platz.log" 2>&1 &
pid=$!
wait_ready "$port" 180 || { cat "$work/platz.log" >&2; exit 1; }
admin=$(cat "$work/data/initial-admin-token")
seed_scenarios "$port" "$admin" "$work" 0

echo "soaking for $MINUTES min at $CONNECTIONS connections on http://127.0.0.1:$port" >&2
rss_before=$(( $(rss_kib "$pid") / 1024 ))
# the mix, as shares of the connections: /auth/me 40 %, deployment list 25 %, InvokeAction 15 %, History 10 %,
# audit events 5 %, junk tokens 5 % (at least one connection each, and /auth/me takes what rounding leaves); one
# wrk per scenario, all at once
export ADMIN_TOKEN=$admin BOT_TOKEN=$(cat "$work/tasks-bot-token") DEPLOYMENTS_TOKEN=$(cat "$work/deployments-bot-token") \
  DEPLOYMENT=$(cat "$work/tasks-deployment")
scenarios="list:25 task:15 history:10 audit:5 junk:5"
others=0
for mix in $scenarios; do share=$(( CONNECTIONS * ${mix#*:} / 100 )); others=$(( others + (share > 0 ? share : 1) )); done
for mix in "me:$(( CONNECTIONS - others > 0 ? CONNECTIONS - others : 1 ))" $scenarios; do
  scenario=${mix%:*}
  connections=${mix#*:}
  [ "$scenario" = me ] || connections=$(( CONNECTIONS * connections / 100 > 0 ? CONNECTIONS * connections / 100 : 1 ))
  SCENARIO=$scenario wrk -t1 -c"$connections" -d"${MINUTES}m" --timeout 10s -s scripts/lib/mixed.lua \
    "http://127.0.0.1:$port" > "$work/soak-$scenario.txt" &
done
wait $(jobs -p | grep -v "^$pid$") || true
for mix in me $scenarios; do
  # a wrk that died (a Lua error, say) reports nothing: say so rather than count zero errors
  grep -q '^latency' "$work/soak-${mix%:*}.txt" || { echo "the ${mix%:*} scenario did not report:" >&2; cat "$work/soak-${mix%:*}.txt" >&2; exit 1; }
done
# junk tokens must get 401 (or 429); every other answer must be a 2xx
awk '/^answers/ {n[$2" "$3]+=$4; total+=$4; if (!($3 ~ /^2/ || ($2 == "junk" && ($3 == 401 || $3 == 429)))) bad+=$4}
     /^latency/ {lat[$2]=sprintf("p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms", $4, $6, $8); errors+=$10}
     END {
       print "answers by scenario and status:"
       for (k in n) printf "  %-14s %9d\n", k, n[k] | "sort"
       close("sort")
       print "latency by scenario:"
       for (s in lat) printf "  %-8s %s\n", s, lat[s] | "sort"
       close("sort")
       printf "%d answers, %d unexpected (a valid request not 2xx, or junk not 401/429), %d socket errors\n", total, bad, errors
     }' "$work"/soak-*.txt | tee "$work/soak.txt"
echo "JVM resident: ${rss_before} MiB after seeding, $(( $(rss_kib "$pid") / 1024 )) MiB after the soak"
echo "server log lines at WARN or ERROR: $(grep -cE ' (WARN|ERROR) ' "$work/platz.log" || true)"

kill -TERM "$pid"; wait "$pid" || true; pid=
echo -n "audit chain: "
PLATZ_DATA_DIR="$work/data" java -jar "$PLATZ_JAR" audit verify 2>/dev/null | tail -1
