#!/usr/bin/env bash
# Where the server's CPU goes, scenario by scenario of bench.sh, side by side: the built jar under wrk, one server,
# each scenario warmed up and then profiled with async-profiler (tools.profiler:async-profiler from Maven Central,
# fetched into target/ on first use; Linux only). Its samples include the JVM's own code and the kernel's, which JDK
# Flight Recorder leaves out. Run by hand on a quiet machine:
#
#   bash scripts/profile.sh [SCENARIO ...] [SECONDS]      scenarios a b c e by default, 10 s each
#   PACED=5000 bash scripts/profile.sh b c                 each profiled at about 5,000 requests/s, not saturated
#
# All the scenarios named are warmed up first (10 s each, saturated), then each is profiled after 5 s more of its own
# load. Saturated, a loop goes from one request to the next with its caches warm and its wake-ups shared; PACED=RATE
# has 50 connections each pause between an answer and its next request, so that requests arrive about as
# latency.sh's fixed rate sends them, each on an event loop that has been waiting (not an open model: for the CPU
# per request, not for latency). RATE is at most 10,000: the pause is whole milliseconds, 5 or more. The JVM's
# background work falls on fewer requests at a paced rate: compare paced figures with paced ones.
#
# For each scenario: requests, the Platz JVM's CPU time per request (user and system, from /proc, profiler included),
# and the bytes the event loops allocated per request (JDK Flight Recorder's per-thread counters, exact: unlike CPU
# time on a shared machine, that barely moves from run to run, so it can judge a small change). Then the CPU per
# request split by what it was spent on (each sample goes to the first kind met from the top of its stack; the µs
# are the sample's share of the measured CPU per request), and each scenario's busiest frames outside the kernel.
#
# KEEP=1 keeps the collapsed stacks (profile-SCENARIO.collapsed, for flame graph tools) in the current directory.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
require_wrk

scenarios=() seconds=10
for arg in "$@"; do
  if [[ $arg =~ ^[abce]$ ]] && [[ ! " ${scenarios[*]} " =~ " $arg " ]]; then
    scenarios+=("$arg")
  elif [[ $arg =~ ^[0-9]+$ ]]; then
    seconds=$arg
  else
    echo "usage: [PACED=RATE] $0 [a|b|c|e ...] [SECONDS] (each scenario once)" >&2
    exit 2
  fi
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=(a b c e)
pacing

version=4.1
library=target/async-profiler/$version/libasyncProfiler.so
if [ ! -f "$library" ]; then
  case $(uname -m) in x86_64) platform=linux-x64 ;; aarch64) platform=linux-arm64 ;; *) echo "no async-profiler for $(uname -m)" >&2; exit 2 ;; esac
  echo "fetching async-profiler $version" >&2
  mvn -B -ntp -q -N dependency:copy -Dartifact="tools.profiler:async-profiler:$version" -DoutputDirectory=target/async-profiler >&2
  unzip -q -o -j "target/async-profiler/async-profiler-$version.jar" "$platform/libasyncProfiler.so" -d "target/async-profiler/$version"
fi
library=$(pwd)/$library

work=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
# loaded from the start, idle: an agent attached later makes the JVM throw away its compiled code, and the profile
# would then show the JIT compiling the path again
PLATZ_JAVA_OPTS="${PLATZ_JAVA_OPTS:-} -agentpath:$library" start_bench_server "$work" "$port"
seed_scenarios "$port" "$(cat "$work/data/initial-admin-token")" "$work" 10 >/dev/null
junk=$(junk_token)

# agent COMMAND: async-profiler's agent, loaded into the running server (the options are quoted for jcmd's parser)
agent() {
  jcmd "$pid" JVMTI.agent_load "$library" "\"$1\"" | grep -q "return code: 0" || { echo "async-profiler: $1 failed" >&2; exit 1; }
}

# load SCENARIO SECONDS [PAUSE_MS]: wrk on the scenario, closed loop, each connection pausing PAUSE_MS between an
# answer and its next request if given; prints the requests answered
load() {
  local path token connections=64
  case $1 in
    a) path=/status token= ;;
    b) path=/api/v2/auth/me token=$(cat "$work/bot-token") ;;
    c) path=/api/v2/auth/me token=$junk ;;
    e) path="/api/v2/deployments?per_page=50" token=$(cat "$work/deployments-bot-token") ;;
  esac
  [ -z "${3:-}" ] || connections=$paced_connections
  TOKEN=$token PAUSE_MS=${3:-} wrk -t2 -c$connections -d"$2s" -s scripts/lib/token.lua "http://127.0.0.1:$port$path" \
    | awk '/requests in/ {print $1}'
}

# every scenario first, so that none is profiled while the JIT still compiles another's path
echo "warming up: ${scenarios[*]}, 10 s each" >&2
for scenario in "${scenarios[@]}"; do load "$scenario" 10 >/dev/null; done
hz=$(getconf CLK_TCK)
for scenario in "${scenarios[@]}"; do
  load "$scenario" 5 $pause >/dev/null
  jcmd "$pid" JFR.start name="$scenario" filename="$work/$scenario.jfr" >/dev/null
  agent "start,event=cpu,interval=1ms"
  before=$(cpu_ticks "$pid")
  requests=$(load "$scenario" "$seconds" $pause)
  after=$(cpu_ticks "$pid")
  agent "stop,file=$work/$scenario.collapsed,collapsed"
  jcmd "$pid" JFR.stop name="$scenario" >/dev/null
  jfr print --json --events jdk.ThreadAllocationStatistics "$work/$scenario.jfr" > "$work/$scenario.allocations.json"
  echo "$scenario $requests $(( (after - before) * 1000000 / hz ))" >> "$work/runs"
  [ -z "${KEEP:-}" ] || cp "$work/$scenario.collapsed" "profile-$scenario.collapsed"
done

python3 - "$work" <<'PY'
import json, re, sys
from collections import Counter, defaultdict
work = sys.argv[1]
kinds = [
    ("kernel (sockets, scheduling)", r"_\[k\]$"),
    ("JSON (Jackson)", r"^com/fasterxml"),
    ("metrics (Micrometer)", r"^io/micrometer|^io/vertx/micrometer"),
    ("token parsing", r"^io/platz/common/token/TokenFormat"),
    ("HMAC", r"^(javax/crypto|sun/security|com/sun/crypto)|sha256|^io/platz/auth/credentials/TokenHasher"),
    ("credential cache", r"^io/platz/auth/credentials|^com/github/benmanes"),
    ("timers (bus reply timeouts)", r"^io/vertx/core/impl/VertxImpl\.(scheduleTimeout|cancelTimer)|^io/vertx/core/impl/VertxImpl\$InternalTimerHandler"),
    ("event bus", r"^io/vertx/core/eventbus|^io/platz/common/bus"),
    ("authentication handler, User", r"^io/vertx/ext/web/handler/impl/(Simple)?Authentication|^io/vertx/ext/auth"),
    ("PostgreSQL client", r"^io/vertx/(pgclient|sqlclient)"),
    ("the project's own code", r"^io/platz"),
    ("routing (vertx-web)", r"^io/vertx/ext/web"),
    ("futures, contexts, close hooks", r"^io/vertx/core/(impl/future|impl/Context|internal/Context|internal/CloseFuture|impl/TaskQueue|impl/VertxImpl)"),
    ("HTTP codec (Vert.x, Netty)", r"^io/vertx/core/(http|net)|^io/netty/handler/codec"),
    ("socket I/O and event loop (Netty, NIO)", r"^io/netty|^sun/nio|^java/nio|^sun/net"),
]
other = "other (JVM runtime, GC, JIT, libc)"
runs = []
for line in open(f"{work}/runs"):
    scenario, requests, cpu_us = line.split()
    by_kind, own, total = Counter(), Counter(), 0
    for sample in open(f"{work}/{scenario}.collapsed"):
        stack, _, count = sample.rstrip().rpartition(" ")
        frames = stack.split(";")[::-1]
        count = int(count)
        total += count
        if not frames[0].endswith("_[k]"):
            own[frames[0]] += count
        by_kind[next((name for frame in frames for name, pattern in kinds if re.search(pattern, frame)), other)] += count
    counters = defaultdict(list)
    for event in json.load(open(f"{work}/{scenario}.allocations.json"))["recording"]["events"]:
        thread = event["values"]["thread"]["javaName"]
        if thread.startswith("vert.x-eventloop"):
            counters[thread].append(event["values"]["allocated"])
    allocated = sum(max(v) - min(v) for v in counters.values())
    runs.append((scenario, int(requests), int(cpu_us) / int(requests), allocated / int(requests), by_kind, own, total))

print(f"{'':40s}" + "".join(f"{s:>10s}" for s, *_ in runs))
print(f"{'requests':40s}" + "".join(f"{r:10d}" for _, r, *_ in runs))
print(f"{'JVM CPU µs per request':40s}" + "".join(f"{c:10.1f}" for _, _, c, *_ in runs))
print(f"{'bytes allocated per request':40s}" + "".join(f"{a:10,.0f}" for _, _, _, a, *_ in runs))
print(f"\nCPU µs per request, by what it was spent on:")
for name in [k for k, _ in kinds] + [other]:
    print(f"{name:40s}" + "".join(f"{cpu * by_kind[name] / max(total, 1):10.2f}" for _, _, cpu, _, by_kind, _, total in runs))
for scenario, _, cpu, _, _, own, total in runs:
    print(f"\n{scenario}: busiest frames outside the kernel (own time, µs per request)")
    for frame, count in own.most_common(12):
        print(f"{cpu * count / total:6.2f}  {frame}")
PY
