#!/usr/bin/env bash
# What one module request (ModuleBus.ask, to a module on the asker's own event loop) costs that loop, for one or
# more builds in turns: CPU time and bytes allocated per request, counted on the loop's thread alone, after a
# million requests of warm-up (scripts/lib/BusRoundTrip.java, run against each jar). It isolates the bus hop that
# every API request makes at least once, which the whole server's figures cannot resolve on a shared machine.
# Run by hand:
#
#   bash scripts/bus-round-trip.sh [ROUNDS] LABEL=JAR LABEL=JAR ...      3 rounds by default
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [ROUNDS] LABEL=JAR ..." >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for round in $(seq "$rounds"); do
  for spec in "$@"; do
    figures=$(java -cp "${spec#*=}" scripts/lib/BusRoundTrip.java 2>"$log" | tail -1) || { cat "$log" >&2; exit 1; }
    printf '%s %-10s %s\n' "$round" "${spec%%=*}" "$figures"
  done
done
