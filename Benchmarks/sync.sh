#!/usr/bin/env bash
# Sync benchmark (called by bench.sh): the 2018 FUELHH year (365 partitions) into local-bigquery with bmrs sync
# (merge method, default batch size): jobs, wall and CPU time, peak memory; then the same rows uploaded with the
# official Python client's load_table_from_json, for comparison.
# usage: Benchmarks/sync.sh STORE   (a store holding the 2018 FUELHH year)
set -euo pipefail
cd "$(dirname "$0")/.."
BMRS=${BMRS:-.build/release/bmrs}
STORE=${1:?store}
LBQ=${BMRS_LOCAL_BIGQUERY:-$HOME/.cache/bmrs/local-bigquery}
if [[ ! -x "$LBQ/venv/bin/local-bigquery" ]]; then
    echo "sync: skipped (local-bigquery is not installed; run Tools/install-local-bigquery.sh)"
    exit 0
fi
work=$(mktemp -d)
port=$((29000 + $$ % 1000))
HOME="$LBQ/duckhome" "$LBQ/venv/bin/local-bigquery" serve --host 127.0.0.1 --port $port --grpc-port $((port + 1)) \
    --project test-project --dataset local --data-dir "$work/data" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$port/bigquery/v2/projects/test-project/datasets" >/dev/null && break
    sleep 0.2
done
for d in bench python; do
    curl -sf -X POST -H 'Content-Type: application/json' \
        -d "{\"datasetReference\":{\"projectId\":\"test-project\",\"datasetId\":\"$d\"}}" \
        "http://127.0.0.1:$port/bigquery/v2/projects/test-project/datasets" >/dev/null
done
export BIGQUERY_EMULATOR_HOST=127.0.0.1:$port
cp "$STORE" "$work/s.sqlite"

echo "== sync: the 2018 FUELHH year (365 partitions) into local-bigquery, merge method, default batch size"
/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$BMRS" sync --store "$work/s.sqlite" --project test-project \
    --dataset bench --table bmrs_fuelhh --json >"$work/summary.json"
read -r wall user sys rss <"$work/time"
python3 - "$work/summary.json" "$wall" "$user" "$sys" "$rss" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
wall, user, system, rss = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"bmrs sync: {s['partitions']} partitions, {s['rows']} rows, {s['bytes']} bytes, "
      f"{s['loadJobs']} load jobs + {s['queryJobs']} query jobs (limit 8 + 8)")
print(f"bmrs sync: {wall:.2f} s wall, {user + system:.2f} s CPU ({user:.2f} user + {system:.2f} sys), "
      f"peak RSS {rss / 1024:.1f} MiB")
PY
/usr/bin/time -f "%e" -o "$work/time2" "$BMRS" sync --store "$work/s.sqlite" --project test-project \
    --dataset bench --table bmrs_fuelhh --json >"$work/again.json"
echo "second sync (nothing changed): $(cat "$work/time2") s wall, $(cat "$work/again.json")"

if "$LBQ/venv/bin/python" -c 'import google.cloud.bigquery' 2>/dev/null; then
    "$BMRS" export --store "$work/s.sqlite" --table bmrs_fuelhh --format ndjson --output "$work/rows.ndjson"
    BIGQUERY_EMULATOR_HOST=http://127.0.0.1:$port "$LBQ/venv/bin/python" - "$work/rows.ndjson" <<'PY'
import json, sys, time
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery
rows = [json.loads(line) for line in open(sys.argv[1])]
client = bigquery.Client(project="test-project", credentials=AnonymousCredentials())
schema = [bigquery.SchemaField(n, t) for n, t in [
    ("settlementDate", "DATE"), ("settlementPeriod", "INT64"), ("fuelType", "STRING"), ("generation", "INT64"),
    ("publishTime", "TIMESTAMP"), ("startTime", "TIMESTAMP"), ("_ingested_utc", "TIMESTAMP")]]
table = bigquery.Table("test-project.python.bmrs_fuelhh", schema=schema)
table.time_partitioning = bigquery.TimePartitioning(field="settlementDate")
client.create_table(table)
start = time.monotonic()
config = bigquery.LoadJobConfig(schema=schema, source_format="NEWLINE_DELIMITED_JSON")
client.load_table_from_json(rows, "test-project.python.bmrs_fuelhh", job_config=config).result()
print(f"python load_table_from_json (google-cloud-bigquery {bigquery.__version__}): {len(rows)} rows in one load job, "
      f"{time.monotonic() - start:.2f} s wall (rows already in memory)")
PY
else
    echo "python client: skipped (BMRS_BENCH_PYTHON_CLIENT=1 Tools/install-local-bigquery.sh installs it)"
fi
