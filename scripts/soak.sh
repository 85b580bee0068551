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
command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -q wrk >/dev/null; }

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
python3 scripts/lib/seed_identity.py "$port" "$admin" "$work" 0
python3 scripts/lib/seed_deployments.py "$port" "$admin" "$work"
python3 scripts/lib/seed_tasks.py "$port" "$admin" "$work"

echo "soaking for $MINUTES min at $CONNECTIONS connections on http://127.0.0.1:$port" >&2
rss_before=$(( $(rss_kib "$pid") / 1024 ))
ADMIN_TOKEN=$admin BOT_TOKEN=$(cat "$work/tasks-bot-token") DEPLOYMENTS_TOKEN=$(cat "$work/deployments-bot-token") \
  DEPLOYMENT=$(cat "$work/tasks-deployment") \
  wrk -t2 -c"$CONNECTIONS" -d"${MINUTES}m" --timeout 10s -s scripts/lib/mixed.lua "http://127.0.0.1:$port" | tee "$work/soak.txt"
echo "JVM resident: ${rss_before} MiB after seeding, $(( $(rss_kib "$pid") / 1024 )) MiB after the soak"
echo "server log lines at WARN or ERROR: $(grep -cE ' (WARN|ERROR) ' "$work/platz.log" || true)"

kill -TERM "$pid"; wait "$pid" || true; pid=
echo -n "audit chain: "
PLATZ_DATA_DIR="$work/data" java -jar "$PLATZ_JAR" audit verify 2>/dev/null | tail -1
