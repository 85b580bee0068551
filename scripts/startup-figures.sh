#!/usr/bin/env bash
# Start-up figures of the built jar: time from `java -jar` to /ready answering 200 on the embedded
# database (first start, then a restart) and on an external PostgreSQL, the jar's size, and the
# resident memory at idle. Run by hand: bash scripts/startup-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar

work=$(mktemp -d)
chmod 755 "$work"  # the external server runs as user postgres and must reach its folder
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  stop_external_pg "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

# run_once LABEL ENV...: starts the jar with the given environment, reports time to ready and idle RSS, stops it
run_once() {
  local label=$1; shift
  local port; port=$(free_port)
  local start; start=$(now_ms)
  env "$@" PLATZ_HTTP_PORT="$port" java -jar "$PLATZ_JAR" >"$work/$label.log" 2>&1 &
  pid=$!
  if ! wait_ready "$port" 180; then
    echo "$label: not ready; log follows" >&2; cat "$work/$label.log" >&2; exit 1
  fi
  local ready=$(( $(now_ms) - start ))
  sleep 5
  printf '%-28s %8d ms %10d MiB\n' "$label" "$ready" $(( $(rss_kib "$pid") / 1024 ))
  kill -TERM "$pid"; wait "$pid" || true; pid=
}

printf 'jar: %s, %d bytes (%.1f MiB)\n\n' "$PLATZ_JAR" "$(stat -c %s "$PLATZ_JAR")" \
  "$(echo "$(stat -c %s "$PLATZ_JAR") / 1048576" | bc -l)"
printf '%-28s %11s %14s\n' "start" "to /ready" "RSS at idle"
run_once "embedded, first start" PLATZ_DATA_DIR="$work/data"
run_once "embedded, restart" PLATZ_DATA_DIR="$work/data"
start_external_pg "$work/pg"
run_once "external, first start" PLATZ_DATA_DIR="$work/ext" PLATZ_DATABASE_URL="$EXTERNAL_PG_URL"
run_once "external, restart" PLATZ_DATA_DIR="$work/ext" PLATZ_DATABASE_URL="$EXTERNAL_PG_URL"
