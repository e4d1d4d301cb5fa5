#!/usr/bin/env bash
# bmrs benchmarks: release build, real data, numbers printed (not pass/fail). Run with `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
BMRS=${BMRS:-.build/release/bmrs}
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
year=Tests/Fixtures/FUELHH_2018.json.zst
rows=262095

best() { sort -n | head -1; }
now() { date +%s.%N; }

echo "== store: load of the 2018 FUELHH year ($rows unique rows, 264,015 in the file), best of $RUNS"
for i in $(seq "$RUNS"); do
  rm -f "$work"/s.sqlite*
  t0=$(now); "$BMRS" load --store "$work/s.sqlite" --dataset FUELHH "$year" >/dev/null; t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
done | best | awk -v r=$rows '{ printf "load: %.3f s wall, %.0f rows/s\n", $1, r / $1 }'

echo "== store: compact and size"
"$BMRS" compact --store "$work/s.sqlite" --older-than 0
size=$(stat -c %s "$work/s.sqlite")
wal=$(stat -c %s "$work/s.sqlite-wal" 2>/dev/null || echo 0)
awk -v s=$size -v w=$wal -v r=$rows 'BEGIN { printf "store file: %d bytes (+%d WAL) = %.2f bytes/row\n", s, w, (s + w) / r }'

echo "== store: full scans through the virtual table (time inside bmrs, best of $RUNS)"
for q in "SELECT count(*) FROM bmrs_fuelhh" "SELECT sum(generation) FROM bmrs_fuelhh" \
         "SELECT fuelType, sum(generation) FROM bmrs_fuelhh GROUP BY 1" "SELECT max(publishTime) FROM bmrs_fuelhh"; do
  for i in $(seq "$RUNS"); do
    "$BMRS" query --store "$work/s.sqlite" --stats "$q" 2>&1 >/dev/null | awk '{ print $(NF-1) }'
  done | best | awk -v r=$rows -v q="$q" '{ printf "%-62s %7.1f ms  %5.1f M rows/s\n", q, $1, r / $1 / 1000 }'
done

echo "== store: a one-day query"
"$BMRS" query --store "$work/s.sqlite" --stats \
  "SELECT count(*) FROM bmrs_fuelhh WHERE settlementDate = '2018-06-21'" 2>&1 >/dev/null
