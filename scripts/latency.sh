#!/usr/bin/env bash
# Latency at a fixed rate, and CPU time per request: bench.sh's scenarios a, b, c and e under an open-model load
# (Gatling, scripts/latency/), each at the same rate, 30 % of the bare route's capacity measured first in the
# same run (closed loop, wrk). Run by hand, one command:
#
#   bash scripts/latency.sh [seconds per scenario, default 60]      ROUNDS=3 by default, PERCENT=30
#   RATE=5000 bash scripts/latency.sh    a rate of your choice instead (the capacity is still measured)
#   PAIRED=1 bash scripts/latency.sh     each scenario between two runs of the bare route, its ratio to their mean
#   PINNED=1 bash scripts/latency.sh     the server on the first half of the cores, wrk and Gatling on the others
#   STALL=1 bash scripts/latency.sh 20    the load generator's check: the bare route only, with the server
#                                         stopped (SIGSTOP) for one second in the middle of the run
#
# For each scenario: requests answered, p50, p99, p99.9, p99.99 and the slowest (Gatling counts whole ms), how
# many took 50 ms or more, and the CPU time (user and system) of the Platz JVM and of the embedded PostgreSQL's
# processes per answered request, with its ratio to the bare route's in the same round, and Gatling's own. The
# scenarios take turns in ROUNDS rounds so that the machine's drift (it is shared) touches them alike; each line
# shows the machine's load average when its run ended.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
require_wrk
split_cores
client=(${CLIENT_CPUS:+taskset -c "$CLIENT_CPUS"})
closed_loop=("${client[@]}" wrk -t2 -c64 -d5s)

SECONDS_EACH=${1:-60}
ROUNDS=${ROUNDS:-3}
PERCENT=${PERCENT:-30}
WARMUP=${WARMUP:-10}
work=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill -CONT "$pid" 2>/dev/null && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

gatling=("${client[@]}" mvn -B -ntp -q -Dstyle.color=never -f scripts/latency/pom.xml)
echo "compiling the load generator" >&2
"${gatling[@]}" test-compile >&2
start_bench_server "$work" "$port"
url="http://127.0.0.1:$port"
seed_scenarios "$port" "$(cat "$work/data/initial-admin-token")" "$work" 10 >/dev/null
junk=$(junk_token)
pids=$(server_pids "$work/data" "$pid")
hz=$(getconf CLK_TCK)

echo "warming up the server (wrk, closed loop)" >&2
"${closed_loop[@]}" "$url/status" >/dev/null
for token in "$(cat "$work/bot-token")" "$junk"; do
  TOKEN=$token "${closed_loop[@]}" -s scripts/lib/token.lua "$url/api/v2/auth/me" >/dev/null
done
TOKEN=$(cat "$work/deployments-bot-token") "${closed_loop[@]}" -s scripts/lib/token.lua "$url/api/v2/deployments?per_page=50" >/dev/null

# the bare route's capacity: the median of three closed-loop runs, as in bench.sh
capacities=$(for _ in 1 2 3; do "${closed_loop[@]}" "$url/status" | awk '/^Requests\/sec/ {printf "%.0f\n", $2}'; done)
capacity=$(sort -g <<<"$capacities" | sed -n 2p)
rate=${RATE:-$(( capacity * PERCENT / 100 ))}
echo "bare route capacity (wrk, 64 connections, closed loop): $(echo $capacities) req/s, median $capacity"
echo "fixed rate: $rate req/s ($(awk -v r="$rate" -v c="$capacity" 'BEGIN {printf "%.0f", r * 100 / c}') % of it); ${WARMUP}s warm-up then ${SECONDS_EACH}s measured; $(nproc) cores"
[ -z "$SERVER_CPUS" ] || echo "pinned: the server on cores $SERVER_CPUS ($SERVER_JAVA_OPTS), wrk and Gatling on $CLIENT_CPUS"

# fixed_rate NAME PATH TOKEN STATUS: one Gatling run; prints its figures, the server's CPU µs per request and Gatling's
fixed_rate() {
  local results=$work/gatling-$1-$RANDOM
  "${gatling[@]}" gatling:test -Durl="$url" -Dpath="$2" -Dtoken="$3" -Dstatus="$4" -Drate="$rate" \
    -Dseconds="$SECONDS_EACH" -Dwarmup="$WARMUP" -Dcpu.pids="$pids" -Dcpu.out="$results.cpu" \
    -Dgatling.results="$results" >"$results.log" 2>&1 || { tail -30 "$results.log" >&2; return 1; }
  local answered
  read -r answered rest <<<"$(python3 scripts/lib/gatling_stats.py "$results"/*/)"
  echo "$rest $(awk -v n="$answered" -v hz="$hz" '/^before/ {b = $2; g = $3} /^after/ {a = $2; h = $3}
    END {printf "%f %f", (a - b) * 1000000 / hz / n, (h - g) * 1000000 / hz / n}' "$results.cpu")"
}

if [ -n "${STALL:-}" ]; then
  # timed from the start of the injection, which the simulation marks by writing the CPU time before it
  ( until compgen -G "$work/gatling-*.cpu" >/dev/null; do sleep 0.1; done
    sleep $(( WARMUP + SECONDS_EACH / 2 )); kill -STOP "$pid"; sleep 1; kill -CONT "$pid" ) &
  read -r n ko p50 p99 p999 p9999 max slow cpu own <<<"$(fixed_rate a /status "" 200)"
  echo "bare route, server stopped for 1 s in the middle: $n requests, p50 $p50 ms, p99 $p99, p99.9 $p999, max $max ms;"
  echo "$slow took 50 ms or more: a load generator that counts from when each request was due shows about"
  echo "$(( rate * 95 / 100 )) of them (the rate times 0.95 s), one that waits for answers only as many as its connections"
  exit 0
fi

declare -A LABEL PATHS TOKENS STATUS
LABEL[a]="bare GET /status"
LABEL[b]="/auth/me, bot token (cache hit)"
LABEL[c]="/auth/me, junk token (401)"
LABEL[e]="/deployments?per_page=50, bot in 1 env of 10"
PATHS[a]=/status PATHS[b]=/api/v2/auth/me PATHS[c]=/api/v2/auth/me PATHS[e]="/api/v2/deployments?per_page=50"
TOKENS[a]="" TOKENS[b]=$(cat "$work/bot-token") TOKENS[c]=$junk TOKENS[e]=$(cat "$work/deployments-bot-token")
STATUS[a]=200 STATUS[b]=200 STATUS[c]=401 STATUS[e]=200
printf '%-5s %-46s %8s %5s %6s %6s %7s %7s %6s %6s %9s %7s %5s %5s\n' round scenario requests fail p50 p99 p99.9 p99.99 max '>=50' \
  'CPU us' 'gen us' ratio load
# PAIRED=1: each scenario between two runs of the bare route (a b a c a e a), its ratio to their mean; on a shared
# machine the bare route's own cost moves from one minute to the next by more than the targets' margins
order=(a b c e)
[ -z "${PAIRED:-}" ] || order=(a b a c a e a)
for round in $(seq "$ROUNDS"); do
  waiting= bare=
  for name in "${order[@]}"; do
    read -r n ko p50 p99 p999 p9999 max slow cpu own <<<"$(fixed_rate "$name" "${PATHS[$name]}" "${TOKENS[$name]}" "${STATUS[$name]}")"
    line=$(printf '%-5s %-46s %8s %5s %6s %6s %7s %7s %6s %6s %9.1f %7.1f' "$round" "$name  ${LABEL[$name]}" "$n" "$ko" \
      "$p50" "$p99" "$p999" "$p9999" "$max" "$slow" "$cpu" "$own")
    if [ "$name" = a ]; then
      if [ -n "$waiting" ]; then
        read -r waiting_cpu waiting_load waiting_line <<<"$waiting"
        printf '%s %5.2f %5s\n' "$waiting_line" "$(bc -l <<<"$waiting_cpu * 2 / ($bare + $cpu)")" "$waiting_load"
        waiting=
      fi
      bare=$cpu
      printf '%s %5.2f %5s\n' "$line" 1 "$(load_average)"
    elif [ -n "${PAIRED:-}" ]; then
      waiting="$cpu $(load_average) $line"
    else
      printf '%s %5.2f %5s\n' "$line" "$(bc -l <<<"$cpu / $bare")" "$(load_average)"
    fi
  done
done
echo "latencies in ms (Gatling's whole milliseconds); CPU us: the Platz JVM and PostgreSQL per answered request;"
echo "gen us: Gatling's own JVM per request (a load generator short of CPU starts requests late, and times them from then)"
