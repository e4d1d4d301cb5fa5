#!/usr/bin/env bash
# `make demo-ingest`: bmrs ingest against the loopback Insights API test server replaying real 2018 FUELHH data,
# first clean, then with injected faults, then a resumed run. Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
BMRS=.build/release/bmrs
store=${DEMO_STORE:-demo-ingest.sqlite}
rm -f "$store" "$store-wal" "$store-shm" "$store.lock"
coproc SERVER { exec python3 Tools/insights_server.py --port 0 --data Tests/Fixtures/FUELHH_2018.json.zst; }
read -r _ port <&"${SERVER[0]}"
api="http://127.0.0.1:$port"
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
control() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method="POST"))' "$api$1" "$2"; }

echo "# the test server replays real 2018 FUELHH data at $api"
echo "\$ bmrs ingest FUELHH --start 2018-01-01 --end 2018-06-30   # with 500s and 429s injected"
control /_control/faults '{"rules":[{"fault":"retry_after","retry_after":"1","every":7},{"fault":"status","status":500,"probability":0.15,"seed":3},{"fault":"ignore_params","match":{"from":"2018-03-19"}}]}'
"$BMRS" ingest FUELHH --store "$store" --api-base "$api" --start 2018-01-01 --end 2018-06-30 || echo "(exit status $?)"
echo
echo "\$ bmrs ingest FUELHH --start 2018-01-01 --end 2018-12-31   # faults gone: only what is missing is fetched"
control /_control/reset '{}'
"$BMRS" ingest FUELHH --store "$store" --api-base "$api" --start 2018-01-01 --end 2018-12-31
echo
"$BMRS" query --sqlite --store "$store" "SELECT kind, status, rows_read, inserted, duplicates, requests, retries, chunks_failed FROM _bmrs_runs"
"$BMRS" query --sqlite --store "$store" "SELECT count(*) AS responses_archived, sum(bytes) AS bytes, sum(length(body)) AS stored_bytes FROM _bmrs_responses"
"$BMRS" verify --store "$store"
