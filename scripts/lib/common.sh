# Shared helpers for the scripts in scripts/. Source it; it defines functions only.

PLATZ_JAR=${PLATZ_JAR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/modules/app/target/platz.jar}

require_jar() {
  if [ ! -f "$PLATZ_JAR" ]; then
    echo "no $PLATZ_JAR: build it first with: mvn -B -ntp -q package -DskipTests" >&2
    exit 1
  fi
}

require_wrk() {
  command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -q wrk >/dev/null; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ms() {
  date +%s%3N
}

# wait_ready PORT [TIMEOUT_S]: polls /ready every 50 ms; prints nothing, fails on timeout. Each probe gives up
# after 2 s: a connection accepted at the very moment the server binds can go unanswered (Vert.x 5.0.8 reads its
# connection metrics before they exist, and the request dies in an NPE), and one such probe must not hang the run
wait_ready() {
  local port=$1 deadline=$(( $(date +%s) + ${2:-120} ))
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready")" = 200 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

# rss_kib PID: resident memory of a process and its children (the JVM alone here)
rss_kib() {
  awk '/VmRSS/ {print $2}' "/proc/$1/status"
}

# A private PostgreSQL 15 server from Debian's packages, for "external database" figures.
# start_external_pg DIR → sets EXTERNAL_PG_URL; stop_external_pg DIR stops it.
start_external_pg() {
  local dir=$1 bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    echo "installing Debian's postgresql for the external-database figures" >&2
    apt-get install -y -q postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  port=$(free_port)
  mkdir -p "$dir"
  local as=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U platz --auth=trust >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U platz platz
  EXTERNAL_PG_BIN=$bin
  EXTERNAL_PG_PORT=$port
  EXTERNAL_PG_URL="postgresql://platz:platz@127.0.0.1:$port/platz"
}

stop_external_pg() {
  local dir=$1 as=()
  [ -n "${EXTERNAL_PG_BIN:-}" ] || return 0
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$EXTERNAL_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# seed_scenarios PORT ADMIN_TOKEN DIR FRESH_TOKENS: what the load scripts need, written into DIR: a bot token and
# FRESH_TOKENS unused ones; 10 envs of 100 deployments and a bot with roles in one; a bot that may invoke an action
seed_scenarios() {
  python3 scripts/lib/seed_identity.py "$1" "$2" "$3" "$4"
  python3 scripts/lib/seed_deployments.py "$1" "$2" "$3"
  python3 scripts/lib/seed_tasks.py "$1" "$2" "$3"
}

# junk_token: well formed in length and prefix, with a checksum that cannot match
junk_token() {
  echo "pzb_$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 71)"
}

# settled_metrics URL FILE: a scrape of URL/metrics once the audit events written so far have all reached the
# consumer (its count stops moving for half a second), so that two scrapes bracket exactly the events written
# between them
settled_metrics() {
  local last=-1 now
  for _ in $(seq 60); do
    now=$(curl -s "$1/metrics" | awk '/^platz_audit_delivery_seconds_count/ {print $2}')
    [ "$now" = "$last" ] && break
    last=$now
    sleep 0.5
  done
  curl -s "$1/metrics" > "$2"
}

# pacing: for PACED=RATE (requests a second, 1 to 10,000), paced_connections wrk connections that each wait pause
# milliseconds (whole, so 5 or more) between an answer and their next request, about RATE a second together; pause is
# empty without PACED. Not an open model: for the CPU per request at a rate, not for latency (latency.sh).
pacing() {
  paced_connections=50 pause=
  [ -n "${PACED:-}" ] || return 0
  [[ $PACED =~ ^[1-9][0-9]*$ ]] && (( PACED <= 10000 )) || { echo "PACED: requests a second, 1 to 10000" >&2; return 2; }
  pause=$(( (paced_connections * 1000 + PACED / 2) / PACED ))
}

# split_cores: with PINNED=1, the server (the JVM and the PostgreSQL it starts, which inherits its cores) is to run
# on the first half of the cores this process may use (not necessarily numbered from 0) and the load generators on
# the others, so that a generator's work does not run on the server's cores between its requests (they still share
# the last-level cache and the loopback network). Sets SERVER_CPUS and CLIENT_CPUS (taskset lists; both empty
# without PINNED), and SERVER_JAVA_OPTS: the JVM is told it has all of those cores, so that it runs as it does
# unpinned (G1 and the same event loops and pool; with one core it would choose the serial collector and Platz one
# event loop); it still has fewer cores to run on.
split_cores() {
  SERVER_CPUS= CLIENT_CPUS= SERVER_JAVA_OPTS=
  [ -n "${PINNED:-}" ] || return 0
  local allowed cores
  allowed=$(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0)))')
  read -ra cores <<<"$allowed"
  (( ${#cores[@]} >= 2 )) || { echo "PINNED needs two cores or more" >&2; return 2; }
  local half=$(( ${#cores[@]} / 2 ))
  SERVER_CPUS=$(IFS=,; echo "${cores[*]:0:half}") CLIENT_CPUS=$(IFS=,; echo "${cores[*]:half}")
  SERVER_JAVA_OPTS="-XX:ActiveProcessorCount=${#cores[@]}"
}

# start_bench_server WORK PORT: the built jar on a fresh data directory WORK/data, its log in WORK/platz.log, with
# the failed-authentication limit (60 a minute per address by default) lifted: it would turn the junk-token
# scenario into 429s after the first second, and the benchmarks measure the 401 path itself. On SERVER_CPUS with
# SERVER_JAVA_OPTS if set (split_cores). Sets pid; fails, showing the log, if the server is not ready within 3 minutes.
start_bench_server() {
  PLATZ_AUTH_FAILURES_PER_MINUTE=${PLATZ_AUTH_FAILURES_PER_MINUTE:-100000000} \
  PLATZ_HTTP_PORT=$2 PLATZ_DATA_DIR="$1/data" ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} \
    java ${SERVER_JAVA_OPTS:-} ${PLATZ_JAVA_OPTS:-} -jar "$PLATZ_JAR" >"$1/platz.log" 2>&1 &
  pid=$!
  wait_ready "$2" 180 || { cat "$1/platz.log" >&2; return 1; }
}

# server_pids DATA_DIR JAVA_PID: the JVM, the embedded PostgreSQL's postmaster and its processes, comma-separated:
# whose CPU time counts as the server's
server_pids() {
  local postmaster
  postmaster=$(head -1 "$1/postgres/postmaster.pid")
  echo "$2,$postmaster$(pgrep -P "$postmaster" | sed 's/^/,/' | tr -d '\n')"
}

# cpu_ticks PIDS: clock ticks of user and system time of the comma-separated processes, with those of their
# waited-for children (a PostgreSQL backend that ended still counts through the postmaster)
cpu_ticks() {
  local total=0 pid
  for pid in ${1//,/ }; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$(( total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13 + $14 + $15}') ))
  done
  echo "$total"
}

# wait_for_last_used_notes: until the server has written the last-used notes taken so far (IdentityVerticle writes
# them every 10 s), so that their UPDATE neither slows nor counts in a measurement that follows, such as pgbench's
wait_for_last_used_notes() {
  sleep 11
}

# load_average: the machine's 1-minute load average now (these machines are shared)
load_average() {
  cut -d' ' -f1 /proc/loadavg
}
