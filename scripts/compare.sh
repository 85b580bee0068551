#!/usr/bin/env bash
# Two (or more) builds side by side: each jar gets its own server on a fresh data directory, all run at once,
# and the scenarios take turns between them in rounds, so that the machine's drift (these are shared) touches
# every build alike. For judging a change; bench.sh gives the figures. Run by hand:
#
#   bash scripts/compare.sh [ROUNDS] LABEL=JAR LABEL=JAR ...
#   bash scripts/compare.sh 5 g1=/path/platz.jar 'parallel=/path/platz.jar -XX:+UseParallelGC'    one build, two JVM settings
#   PACED=5000 bash scripts/compare.sh ...      each scenario at about 5,000 requests/s instead of saturated
#
# A build is LABEL=JAR (a path from the repository's root, or absolute; labels unique), then any options for its
# JVM, quoted with it and split on spaces, after PLATZ_JAVA_OPTS. PACED=RATE: 50 connections each pause between an
# answer and its next request (pacing in scripts/lib/common.sh), so that the CPU per request is that of a server at
# the rate latency.sh sends, not saturated (wrk's load and the JVM alone, so not latency.sh's figures); the rates
# then show that the pace held, and their ratios are about 1. The builds take turns in a different order each round.
# Per round and build: a, b, c, e as in bench.sh (SECONDS_EACH seconds each, default 5) and their ratios to a; then (f),
# InvokeAction tasks as a bot (F_SECONDS, default 15), with the delivery of the audit events it wrote; and for each
# scenario the JVM's CPU time per request, its ratio to a's, and the machine's load average when the turn ended.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
rounds=3
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
[ $# -ge 2 ] || { echo "usage: $0 [ROUNDS] LABEL=JAR LABEL=JAR ..." >&2; exit 2; }
SECONDS_EACH=${SECONDS_EACH:-5}
F_SECONDS=${F_SECONDS:-15}
work=$(mktemp -d)
declare -a LABELS PORTS PIDS
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && { kill "$p" 2>/dev/null || true; }; done; wait 2>/dev/null; rm -rf "$work"' EXIT

pacing
connections=64
[ -z "$pause" ] || connections=$paced_connections

for spec in "$@"; do
  label=${spec%%=*} port=$(free_port)
  read -r jar jvm_options <<<"${spec#*=}"
  [[ ! " ${LABELS[*]:-} " =~ " $label " ]] || { echo "two builds labelled $label: each needs its own data directory" >&2; exit 2; }
  mkdir -p "$work/$label"
  PLATZ_AUTH_FAILURES_PER_MINUTE=100000000 PLATZ_HTTP_PORT=$port PLATZ_DATA_DIR="$work/$label/data" \
    java ${PLATZ_JAVA_OPTS:-} $jvm_options -jar "$jar" >"$work/$label/platz.log" 2>&1 &
  PIDS+=($!) LABELS+=("$label") PORTS+=("$port")
done
for i in "${!LABELS[@]}"; do
  dir=$work/${LABELS[$i]}
  wait_ready "${PORTS[$i]}" 180 || { cat "$dir/platz.log" >&2; exit 1; }
  admin=$(cat "$dir/data/initial-admin-token")
  seed_scenarios "${PORTS[$i]}" "$admin" "$dir" 10 >/dev/null
done
junk=$(junk_token)

# rate PID SECONDS WRK-ARGS...: requests/s of one wrk run, and the server's JVM CPU time per request in
# microseconds (user and system, from /proc): what the server spent, not counting time it waited for a core. It
# rises when fewer requests share each wake-up, so compare it between builds at similar rates. The embedded
# PostgreSQL's processes are not in it.
rate() {
  local pid=$1 seconds=$2; shift 2
  local before out
  before=$(cpu_ticks "$pid")
  out=$(PAUSE_MS=$pause wrk -t2 -c$connections -d"${seconds}s" "$@")
  awk -v ticks=$(( $(cpu_ticks "$pid") - before )) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {n = $1} /^Requests\/sec/ {r = $2} END {printf "%.0f %.1f", r, ticks * 1e6 / hz / n}' <<<"$out"
}
# ratios A B C E: each scenario's figure to the bare route's
ratios() {
  awk -v a="$1" -v b="$2" -v c="$3" -v e="$4" 'BEGIN {printf "b/a %.2f  c/a %.2f  e/a %.2f", b / a, c / a, e / a}'
}
# scenarios LABEL-INDEX SECONDS: one turn of a, b, c, e and f; prints one line
scenarios() {
  local i=$1 seconds=$2 dir=$work/${LABELS[$1]} url=http://127.0.0.1:${PORTS[$1]} pid=${PIDS[$1]}
  local a b c e f cpu_a cpu_b cpu_c cpu_e cpu_f
  read -r a cpu_a <<<"$(TOKEN= rate "$pid" "$seconds" -s scripts/lib/token.lua "$url/status")"
  read -r b cpu_b <<<"$(TOKEN=$(cat "$dir/bot-token") rate "$pid" "$seconds" -s scripts/lib/token.lua "$url/api/v2/auth/me")"
  read -r c cpu_c <<<"$(TOKEN=$junk rate "$pid" "$seconds" -s scripts/lib/token.lua "$url/api/v2/auth/me")"
  read -r e cpu_e <<<"$(TOKEN=$(cat "$dir/deployments-bot-token") rate "$pid" "$seconds" -s scripts/lib/token.lua "$url/api/v2/deployments?per_page=50")"
  settled_metrics "$url" "$dir/before"
  read -r f cpu_f <<<"$(TOKEN=$(cat "$dir/tasks-bot-token") DEPLOYMENT=$(cat "$dir/tasks-deployment") \
    rate "$pid" "$((seconds * F_SECONDS / SECONDS_EACH))" -s scripts/lib/invoke_action.lua "$url/api/v2/deployment-tasks")"
  settled_metrics "$url" "$dir/after"
  printf '%-10s a %6s  b %6s  c %6s  e %6s  %s  f %5s  delivery: %s\n' "${LABELS[$i]}" \
    "$a" "$b" "$c" "$e" "$(ratios "$a" "$b" "$c" "$e")" "$f" \
    "$(python3 scripts/lib/histogram_between.py platz_audit_delivery_seconds "$dir/before" "$dir/after" 0.1 || echo none)"
  printf '%-10s JVM CPU per request: a %s  b %s  c %s  e %s  f %s us  %s  load %s\n' "" \
    "$cpu_a" "$cpu_b" "$cpu_c" "$cpu_e" "$cpu_f" "$(ratios "$cpu_a" "$cpu_b" "$cpu_c" "$cpu_e")" "$(load_average)"
}

# every server through every scenario once, saturated, unmeasured, so that the JIT has compiled the paths before a
# round counts; (f) for 15 s at least: after 5 s its first round cost up to twice the others (15 s not yet measured)
echo "warming up ${#LABELS[@]} servers (saturated)" >&2
( pause= connections=64 F_SECONDS=$(( F_SECONDS < 15 ? 15 : F_SECONDS ))
  for i in "${!LABELS[@]}"; do scenarios "$i" "$SECONDS_EACH" >/dev/null; done )
echo "$rounds rounds; a b c e ${SECONDS_EACH}s, f ${F_SECONDS}s each; $(nproc) cores; ${PACED:+paced at about $PACED requests/s, }$connections connections"
for round in $(seq "$rounds"); do
  for k in "${!LABELS[@]}"; do scenarios $(( (k + round - 1) % ${#LABELS[@]} )) "$SECONDS_EACH"; done
done
