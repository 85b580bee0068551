#!/usr/bin/env bash
# Load benchmark of the built jar on loopback, every scenario side by side in one run, so that ratios are
# measured on the same machine at the same moment. Run by hand: bash scripts/bench.sh [seconds per scenario]
#
#   a  GET /status                          bare, unauthenticated
#   b  GET /api/v2/auth/me, one bot token   authenticated, credential cache hit
#   c  GET /api/v2/auth/me, junk token      refused before any bus hop or database work
#   d  GET /api/v2/auth/me, fresh tokens    each used once: cache miss, database lookup. wrk cannot end a run
#                                           when the tokens run out, so there are more tokens than the run can
#                                           use; it reports how many distinct tokens it used (at least 10,000)
#   e  GET /api/v2/deployments?per_page=50  as a bot with User and Maintainer in one env of ten (100 deployments
#                                           each): permission decision, scoped SQL page and count, 50 rows of JSON
#   f  POST /api/v2/deployment-tasks        InvokeAction as a bot: decision, task and audit event in one transaction
#   g  pgbench, bare INSERT                 the same database, one single-row INSERT per transaction, as many
#                                           clients as wrk has connections: the baseline for (f)
#   h  pgbench -S, primary-key SELECT       the same database (pgbench's own tables, scale 10), prepared as the
#                                           server's statements are, as many clients as wrk has connections, right
#                                           after (d) and as long: the baseline for (d)
# Each scenario also reports the CPU time (user and system) of the Platz JVM and of the embedded PostgreSQL's
# processes per answered request. PROFILE_MISS=1 records (d) with JDK Flight Recorder into ./miss.jfr.
# and the time from an audit event's commit to a consumer on the bus, for the events (f) wrote (platz_audit_delivery_seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
require_wrk

DURATION=${1:-15}
CONNECTIONS=64
THREADS=2
FRESH_TOKENS=${FRESH_TOKENS:-60000}
MISS_SECONDS=${MISS_SECONDS:-3}
work=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

start_bench_server "$work" "$port"
admin=$(cat "$work/data/initial-admin-token")
echo "seeding: a bot token and $FRESH_TOKENS fresh tokens; 10 envs of 100 deployments" >&2
seed_scenarios "$port" "$admin" "$work" "$FRESH_TOKENS"
pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
export PGPASSWORD=$(cat "$work/data/postgres.password")
pgbench -i -q -s 10 -h 127.0.0.1 -p "$pg_port" -U postgres platz >/dev/null 2>&1
pids=$(server_pids "$work/data" "$pid")
hz=$(getconf CLK_TCK)
bot_token=$(cat "$work/bot-token")
deployments_token=$(cat "$work/deployments-bot-token")
junk=$(junk_token)

declare -A RPS P99 CPU
# run KEY LABEL WRK-ARGS...: runs wrk, keeps requests/s and p99 (in ms) under KEY and prints them
run() {
  local name=$1 label=$2; shift 2
  measure "$name" "$@"
  RPS[$name]=$LAST_RPS
  P99[$name]=$LAST_P99
  CPU[$name]=$LAST_CPU
  report "$name" "$label"
}

# measure KEY WRK-ARGS...: one wrk run; sets LAST_RPS, LAST_P99 (ms), LAST_NON2XX, LAST_CPU (the server's CPU µs
# per request) and LAST_CPU_JVM (the JVM's share of it), keeps wrk's output
measure() {
  local name=$1; shift
  local out ticks jvm_ticks
  ticks=$(cpu_ticks "$pids") jvm_ticks=$(cpu_ticks "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" --latency "$@")
  LAST_CPU=$(per_request $(( $(cpu_ticks "$pids") - ticks )) "$(awk '/requests in/ {print $1}' <<<"$out")")
  LAST_CPU_JVM=$(per_request $(( $(cpu_ticks "$pid") - jvm_ticks )) "$(awk '/requests in/ {print $1}' <<<"$out")")
  echo "$out" >> "$work/wrk-$name.txt"
  LAST_RPS=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  LAST_P99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  LAST_NON2XX=$(awk '/Non-2xx/ {print $5}' <<<"$out")
}

# per_request TICKS REQUESTS: µs of CPU per request
per_request() {
  bc -l <<<"$1 * 1000000 / $hz / $2" | xargs printf '%.1f'
}

report() {
  printf '%-46s %10.0f req/s   p99 %7.2f ms   CPU %6.1f µs/req%s\n' "$1  $2" "${RPS[$1]}" "${P99[$1]}" "${CPU[$1]}" \
    "${LAST_NON2XX:+   (non-2xx: $LAST_NON2XX)}"
}

# lookup_statements URL: statements the auth module has sent to look credentials up (several tokens each under load)
lookup_statements() {
  curl -s "$1/metrics" | awk '/^platz_auth_credential_lookup_statements_total/ {n+=$NF} END {printf "%.0f", n}'
}

median() {
  tr ' ' '\n' <<<"$*" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

url="http://127.0.0.1:$port"
echo "warming up" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$url/status" >/dev/null
TOKEN=$bot_token wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s scripts/lib/token.lua "$url/api/v2/auth/me" >/dev/null
TOKEN=$deployments_token wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s scripts/lib/token.lua "$url/api/v2/deployments?per_page=50" >/dev/null

echo
# a, b, c and e take turns, ROUNDS times, so that a drift of the machine (these are shared) touches them alike;
# each reports its median round
ROUNDS=${ROUNDS:-3}
round_seconds=$(( DURATION / ROUNDS > 0 ? DURATION / ROUNDS : 1 ))
echo "$CONNECTIONS connections, $THREADS wrk threads, $ROUNDS rounds of ${round_seconds}s per scenario, $(nproc) cores"
declare -A ROUND_RPS ROUND_P99 ROUND_CPU ROUND_RATIO LABEL
LABEL[a]="bare GET /status"
LABEL[b]="/auth/me, bot token (cache hit)"
LABEL[c]="/auth/me, junk token (401)"
LABEL[e]="/deployments?per_page=50, bot in 1 env of 10"
# measure_round KEY WRK-ARGS...: one round of KEY, its rate and p99 added to the rounds so far
measure_round() {
  measure "$1" -d"${round_seconds}s" "${@:2}"
  ROUND_RPS[$1]+="$LAST_RPS "; ROUND_P99[$1]+="$LAST_P99 "; ROUND_CPU[$1]+="$LAST_CPU "
}
for round in $(seq "$ROUNDS"); do
  measure_round a "$url/status"
  TOKEN=$bot_token measure_round b -s scripts/lib/token.lua "$url/api/v2/auth/me"
  TOKEN=$junk measure_round c -s scripts/lib/token.lua "$url/api/v2/auth/me"
  TOKEN=$deployments_token measure_round e -s scripts/lib/token.lua "$url/api/v2/deployments?per_page=50"
  # this round's ratios, each against the bare route measured seconds before
  read -r -a this <<<"${ROUND_RPS[a]}"; bare=${this[-1]}
  for name in b c e; do
    read -r -a this <<<"${ROUND_RPS[$name]}"
    ROUND_RATIO[$name]+="$(bc -l <<<"${this[-1]} / $bare") "
  done
done
for name in a b c e; do
  RPS[$name]=$(median ${ROUND_RPS[$name]})
  P99[$name]=$(median ${ROUND_P99[$name]})
  CPU[$name]=$(median ${ROUND_CPU[$name]})
  LAST_NON2XX=$(awk '/Non-2xx/ {n+=$5} END {if (n) print n}' "$work/wrk-$name.txt")
  report "$name" "${LABEL[$name]}"
  echo "     rounds: ${ROUND_RPS[$name]}req/s; p99 ${ROUND_P99[$name]}ms; CPU ${ROUND_CPU[$name]}µs/req; load $(load_average)"
done
LAST_NON2XX=
# the miss path gets its warm-up too, on tokens of its own: the first MISS_WARMUP_TOKENS. Each is used once, so the
# warm-up lasts as long as they do: 4,000 lasted one second, and C2 was still compiling the miss path through (d)
MISS_WARMUP_TOKENS=${MISS_WARMUP_TOKENS:-20000}
head -n "$MISS_WARMUP_TOKENS" "$work/fresh-tokens" > "$work/warmup-tokens"
tail -n +"$(( MISS_WARMUP_TOKENS + 1 ))" "$work/fresh-tokens" > "$work/miss-tokens"
TOKENS_FILE="$work/warmup-tokens" THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d30s \
  -s scripts/lib/fresh_tokens.lua "$url/api/v2/auth/me" >/dev/null
[ -n "${PROFILE_MISS:-}" ] && jcmd "$pid" JFR.start name=miss settings=profile filename="$PWD/miss.jfr" >/dev/null
statements_before=$(lookup_statements "$url")
TOKENS_FILE="$work/miss-tokens" THREADS=$THREADS run d "/auth/me, fresh token each time (miss)" \
  -d"${MISS_SECONDS}s" -s scripts/lib/fresh_tokens.lua "$url/api/v2/auth/me"
[ -n "${PROFILE_MISS:-}" ] && jcmd "$pid" JFR.stop name=miss >/dev/null
echo "   (d) CPU per request: the JVM $LAST_CPU_JVM µs, PostgreSQL $(bc -l <<<"$LAST_CPU - $LAST_CPU_JVM" | xargs printf '%.1f') µs;" \
  "tokens per lookup statement $(bc -l <<<"$(awk '/requests in/ {print $1}' "$work/wrk-d.txt") / ($(lookup_statements "$url") - $statements_before)" | xargs printf '%.1f')"
used=$(awk '/requests in/ {print $1}' "$work/wrk-d.txt")
available=$(( FRESH_TOKENS - MISS_WARMUP_TOKENS ))
echo "   (d) used $used distinct fresh tokens of $available$([ "$used" -ge "$available" ] && echo ': ALL used, so its rate is understated')"
# its baseline: pgbench's primary-key SELECT on the same database, as many clients, as long; pgbench's backends
# end with it, so their time is read once the postmaster has it. It starts once (d)'s last-used notes are written
wait_for_last_used_notes
ticks=$(cpu_ticks "$pids")
pgbench_out=$(pgbench -n -S -M prepared -h 127.0.0.1 -p "$pg_port" -U postgres -c "$CONNECTIONS" -j "$THREADS" -T "$MISS_SECONDS" platz 2>&1)
sleep 1
RPS[h]=$(awk '/^tps/ {print $3}' <<<"$pgbench_out")
CPU[h]=$(per_request $(( $(cpu_ticks "$pids") - ticks )) "$(awk '/transactions actually processed/ {print $NF}' <<<"$pgbench_out")")
printf '%-46s %10.0f tx/s    (latency avg %s ms)   CPU %6.1f µs/tx   load %s\n' "h  pgbench -S -M prepared, $CONNECTIONS clients" "${RPS[h]}" \
  "$(awk '/latency average/ {print $4}' <<<"$pgbench_out")" "${CPU[h]}" "$(load_average)"
# the value is the last field: pool names such as "G1 Eden Space" hold spaces
heap=$(curl -s "$url/metrics" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {printf "%.0f", s/1048576}')
rss=$(( $(rss_kib "$pid") / 1024 ))

# like the others, (f) gets its warm-up: without one the JIT is still compiling its path
# for most of the run: from a cold start its rate climbs for some 50 s (1,530 → 3,361 req/s in one measured
# case), as the compiler competes with the load for the two cores
export TOKEN DEPLOYMENT
TOKEN=$(cat "$work/tasks-bot-token") DEPLOYMENT=$(cat "$work/tasks-deployment")
wrk -t"$THREADS" -c"$CONNECTIONS" -d40s -s scripts/lib/invoke_action.lua "$url/api/v2/deployment-tasks" >/dev/null
settled_metrics "$url" "$work/metrics-before-f"
run f "POST /deployment-tasks InvokeAction, bot" -d"${DURATION}s" -s scripts/lib/invoke_action.lua "$url/api/v2/deployment-tasks"
settled_metrics "$url" "$work/metrics-after-f"
# the delivery of the events (f) wrote, and of those only: the buckets' growth between the two scrapes
lag=$(python3 scripts/lib/histogram_between.py platz_audit_delivery_seconds "$work/metrics-before-f" "$work/metrics-after-f" 0.1 \
  || echo "no delivery figures")

# the baseline: bare single-row INSERT transactions on the same (embedded, durable) database, same concurrency
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres platz -c \
  "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text)"
echo "INSERT INTO bench_insert (payload) VALUES ('restart');" > "$work/insert.sql"
pgbench_out=$(pgbench -n -h 127.0.0.1 -p "$pg_port" -U postgres -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
  -f "$work/insert.sql" platz 2>&1)
RPS[g]=$(awk '/^tps/ {print $3}' <<<"$pgbench_out")
printf '%-46s %10.0f tx/s    (latency avg %s ms)\n' "g  pgbench bare INSERT, $CONNECTIONS clients" "${RPS[g]}" \
  "$(awk '/latency average/ {print $4}' <<<"$pgbench_out")"
echo "   audit events of (f), commit to bus consumer: $lag"

echo
# b, c and e: the median of their rounds' ratios; d: against the median bare rate
ratio() { [ -n "${ROUND_RATIO[$1]:-}" ] && median ${ROUND_RATIO[$1]} || bc -l <<<"${RPS[$1]} / ${RPS[a]}"; }
printf 'b/a = %.2f   c/a = %.2f   d/a = %.2f   e/a = %.2f   f/g = %.2f   d/h = %.2f\n' "$(ratio b)" "$(ratio c)" "$(ratio d)" \
  "$(ratio e)" "$(bc -l <<<"${RPS[f]} / ${RPS[g]}")" "$(bc -l <<<"${RPS[d]} / ${RPS[h]}")"
printf 'CPU per request, to bare: b %.2f   c %.2f   d %.2f   e %.2f   (d to pgbench -S: %.2f)\n' "$(bc -l <<<"${CPU[b]} / ${CPU[a]}")" \
  "$(bc -l <<<"${CPU[c]} / ${CPU[a]}")" "$(bc -l <<<"${CPU[d]} / ${CPU[a]}")" "$(bc -l <<<"${CPU[e]} / ${CPU[a]}")" "$(bc -l <<<"${CPU[d]} / ${CPU[h]}")"
echo "after (d): heap used ${heap} MiB, JVM resident ${rss} MiB"
