#!/usr/bin/env bash
# POST /api/v2/auth/check: a batch of 100 checks against 100 single checks, the server's CPU per check side by side,
# on the built jar on loopback. Run by hand: bash scripts/check-bench.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar

ROUNDS=${1:-3}
work=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

PLATZ_HTTP_PORT=$port PLATZ_DATA_DIR="$work/data" java ${PLATZ_JAVA_OPTS:-} -jar "$PLATZ_JAR" >"$work/platz.log" 2>&1 &
pid=$!
wait_ready "$port" 180 || { cat "$work/platz.log" >&2; exit 1; }
python3 scripts/lib/check_bench.py "$port" "$(cat "$work/data/initial-admin-token")" "$ROUNDS" "$pid"
