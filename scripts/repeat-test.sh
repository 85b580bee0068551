#!/usr/bin/env bash
# Runs one test class of modules/app N times in a row from a clean build and stops at the first failure: how a
# test that flaked is shown mended (CI runs each test once, on a busy two-core machine, so one failure in a few
# runs costs a landing). Each run's output is kept in target/repeat/.
#   scripts/repeat-test.sh ConsoleBrowserTest 30
set -euo pipefail
cd "$(dirname "$0")/.."
test=${1:?usage: scripts/repeat-test.sh TestClass [times]}
times=${2:-30}
mvn -B -ntp -q clean install -DskipTests
mkdir -p target/repeat
for run in $(seq 1 "$times"); do
  log="target/repeat/$test-$run.log"
  started=$(date +%s)
  if ! mvn -B -ntp -pl modules/app surefire:test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    echo "run $run of $times: FAILED after $(( $(date +%s) - started )) s, see $log"
    echo "$(( run - 1 )) passed, 1 failed"
    exit 1
  fi
  echo "run $run of $times: passed in $(( $(date +%s) - started )) s"
done
echo "$times passed, 0 failed"
