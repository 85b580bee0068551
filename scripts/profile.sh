#!/usr/bin/env bash
# Where the server's CPU goes in one scenario of bench.sh: the built jar under wrk, recorded with JDK Flight
# Recorder after a warm-up, then the execution samples summed two ways: by the frame on top (own time) and by the
# project's and the libraries' methods anywhere on the stack (a sample counts once for each, so shares overlap).
# Run by hand on a quiet machine, one scenario at a time:
#
#   bash scripts/profile.sh a|b|c|e [SECONDS]     (default 20; the warm-up is 15 s)
#
# KEEP=1 keeps the recording (profile-SCENARIO.jfr in the current directory).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_jar
require_wrk

scenario=${1:?usage: $0 a|b|c|e [SECONDS]}
seconds=${2:-20}
work=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

start_bench_server "$work" "$port"
seed_scenarios "$port" "$(cat "$work/data/initial-admin-token")" "$work" 10 >/dev/null
case $scenario in
  a) path=/status token= ;;
  b) path=/api/v2/auth/me token=$(cat "$work/bot-token") ;;
  c) path=/api/v2/auth/me token=$(junk_token) ;;
  e) path="/api/v2/deployments?per_page=50" token=$(cat "$work/deployments-bot-token") ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac
load() {
  TOKEN=$token wrk -t2 -c64 -d"$1s" -s scripts/lib/token.lua "http://127.0.0.1:$port$path" | awk '/^Requests\/sec/ {print "requests/s", $2}'
}
load 15 >/dev/null
jcmd "$pid" JFR.start name=profile settings=profile filename="$work/profile.jfr" >/dev/null
load "$seconds"
jcmd "$pid" JFR.stop name=profile >/dev/null
jfr print --events jdk.ExecutionSample --stack-depth 96 "$work/profile.jfr" > "$work/samples.txt"
[ -z "${KEEP:-}" ] || cp "$work/profile.jfr" "profile-$scenario.jfr"

python3 - "$work/samples.txt" <<'PY'
import re, sys
from collections import Counter
stacks, stack = [], None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and line.startswith("]"):
        stacks.append(stack); stack = None
    elif stack is not None and line and not line.startswith("..."):
        stack.append(re.sub(r"\s+line:.*$", "", line))
own = Counter(s[0] for s in stacks if s)
anywhere = Counter()
for s in stacks:
    anywhere.update({f for f in s if re.match(r"(io\.platz|io\.vertx\.(ext|micrometer)|io\.micrometer|com\.fasterxml|javax\.crypto|com\.github\.benmanes)", f)})
# each sample to the first of these met from the top of its stack: what the time was spent doing
kinds = [
    ("JSON (Jackson)", r"com\.fasterxml"),
    ("metrics (Micrometer)", r"io\.micrometer|io\.vertx\.micrometer"),
    ("token parsing", r"io\.platz\.common\.token\.TokenFormat"),
    ("HMAC", r"javax\.crypto|sun\.security|io\.platz\.auth\.credentials\.TokenHasher"),
    ("credential cache", r"io\.platz\.auth\.credentials|com\.github\.benmanes"),
    ("event bus", r"io\.vertx\.core\.eventbus|io\.platz\.common\.bus"),
    ("authentication handler, User", r"io\.vertx\.ext\.web\.handler\.impl\.(Simple)?Authentication|io\.vertx\.ext\.auth"),
    ("the project's own code", r"io\.platz"),
    ("routing (vertx-web)", r"io\.vertx\.ext\.web"),
    ("futures, context", r"io\.vertx\.core\.(impl\.future|impl\.ContextImpl|internal\.ContextInternal|impl\.(Event|Worker)?Context)"),
    ("HTTP codec (Vert.x, Netty)", r"io\.vertx\.core\.http|io\.vertx\.core\.net|io\.netty\.handler\.codec"),
    ("socket I/O and event loop (Netty, NIO)", r"io\.netty|sun\.nio|java\.nio|sun\.net"),
]
by_kind = Counter()
for s in stacks:
    by_kind[next((name for f in s for name, pattern in kinds if re.match(pattern, f)), "other (JVM, JIT, GC)")] += 1
print(f"{len(stacks)} samples")
print("\nby what the time was spent doing (first match from the top of the stack):")
for name, n in by_kind.most_common():
    print(f"{100 * n / len(stacks):5.1f} %  {name}")
print("\nown time (frame on top):")
for frame, n in own.most_common(25):
    print(f"{100 * n / len(stacks):5.1f} %  {frame}")
print("\nanywhere on the stack (project and libraries):")
for frame, n in anywhere.most_common(45):
    print(f"{100 * n / len(stacks):5.1f} %  {frame}")
PY
