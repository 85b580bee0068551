#!/usr/bin/env bash
# The audit event stream's figures (docs/audit-stream.md), on the built jar with its embedded database:
#   1. delivery from an event's commit to a client of GET /api/v2/audit-events/stream, p50/p99, beside the bus
#      consumer's platz_audit_delivery_seconds for the same events of the same run
#   2. the heap (after a full GC) with 100 stalled streams while 6,000 events are written, and once they closed
# Run by hand: bash scripts/audit-stream-figures.sh   (EVENTS=2000 by default for 1)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar

work=$(mktemp -d)
port=$(free_port)
url="http://127.0.0.1:$port"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

PLATZ_HTTP_PORT=$port PLATZ_DATA_DIR="$work/data" java ${PLATZ_JAVA_OPTS:-} -jar "$PLATZ_JAR" >"$work/platz.log" 2>&1 &
pid=$!
wait_ready "$port" 180 || { cat "$work/platz.log" >&2; exit 1; }
admin=$(cat "$work/data/initial-admin-token")

# a warm-up, so that the JIT has compiled the paths measured
EVENTS=1000 python3 scripts/lib/audit_stream_figures.py "$port" "$admin" "$pid" latency "$work"
settled_metrics "$url" "$work/metrics-before"
python3 scripts/lib/audit_stream_figures.py "$port" "$admin" "$pid" latency "$work"
settled_metrics "$url" "$work/metrics-after"
bus=$(python3 scripts/lib/histogram_between.py platz_audit_delivery_seconds "$work/metrics-before" "$work/metrics-after" 0.1)

# each event's commit time, as the pump reads it for the bus's header
pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
export PGPASSWORD=$(cat "$work/data/postgres.password")
first=$(head -1 "$work/sse-arrivals" | cut -d' ' -f1)
last=$(tail -1 "$work/sse-arrivals" | cut -d' ' -f1)
psql -qAt -F' ' -h 127.0.0.1 -p "$pg_port" -U postgres platz -c "SELECT l.seq,
    extract(epoch FROM pg_xact_commit_timestamp(e.xmin)) FROM audit_links l JOIN audit_events e ON e.position = l.position
    WHERE l.seq BETWEEN $first AND $last" > "$work/commits"
sse=$(python3 - "$work/commits" "$work/sse-arrivals" <<'PY'
import sys
commits = dict(line.split() for line in open(sys.argv[1]))
lags = sorted((float(at) - float(commits[seq])) * 1000 for seq, at in (line.split() for line in open(sys.argv[2])))
pick = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
print(f"{len(lags)} events, p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {lags[-1]:.1f} ms")
PY
)
echo "commit -> SSE client:        $sse"
echo "commit -> bus consumer:      $bus"
python3 scripts/lib/audit_stream_figures.py "$port" "$admin" "$pid" heap "$work"
echo "RSS at the end: $(( $(rss_kib "$pid") / 1024 )) MiB"
