#!/usr/bin/env bash
# Start-up, whole process: Benchmarks/startup.sh BMRS STORE. For `make bench` (which appends it to RESULTS.md).
# Medians of 200 runs after 20 warm-up runs (the machine may be shared: the load average is printed with them), for
# the given binary and the tarball's, with sqlite3 as the floor. Targets: --version <= 5 ms, a query <= 10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
bmrs=$1
store=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== start-up: whole process, median of 200 runs (targets: --version <= 5 ms, a query <= 10 ms)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 20 --runs 200 --export-json "$work/startup.json" "$@" >/dev/null 2>&1
    python3 -c 'import json, re, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("  %-40s %6.2f ms median, %5.2f ms CPU" % (re.sub(r"\S*/", "", r["command"])[:40], r["median"] * 1000,
                                                (r["user"] + r["system"]) * 1000))' "$work/startup.json"
  else
    python3 - "$@" <<'PY'
import re, statistics, shlex, subprocess, sys, time
for command in sys.argv[1:]:
    argv, times = shlex.split(command), []
    for _ in range(200):
        t = time.perf_counter(); subprocess.run(argv, stdout=subprocess.DEVNULL); times.append(time.perf_counter() - t)
    print("  %-40s %6.2f ms median" % (re.sub(r"\S*/", "", command)[:40], statistics.median(times) * 1000))
PY
  fi
}
for binary in "$bmrs" dist/bmrs-*-linux-"$(uname -m)"/bin/bmrs; do
  [ -x "$binary" ] || continue
  cp "$binary" "$work/bmrs-stripped" && strip "$work/bmrs-stripped"
  echo "$binary: $(stat -c %s "$work/bmrs-stripped") bytes stripped, $(ldd "$binary" | wc -l) shared libraries"
  measure "$binary --version" "$binary query --store $store 'SELECT 1'"
done
if command -v sqlite3 >/dev/null; then measure "sqlite3 $store 'SELECT 1'"; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
