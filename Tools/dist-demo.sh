#!/usr/bin/env bash
# The release tarball's demo: load a real year of Elexon FUELHH data (2018) into a new store, seal it, query it.
#   ./demo.sh [STORE]   (default: a temporary file, removed afterwards)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bmrs="$here/bin/bmrs"
command -v bmrs >/dev/null 2>&1 && [ ! -x "$bmrs" ] && bmrs=bmrs
data="$here/share/bmrs/FUELHH_2018.json.zst"
[ -f "$data" ] || data="$(dirname "$(command -v "$bmrs")")/../share/bmrs/FUELHH_2018.json.zst"
store="${1:-$(mktemp -d)/demo.sqlite}"
set -x
"$bmrs" --version
"$bmrs" load --store "$store" --dataset FUELHH "$data"
"$bmrs" compact --store "$store"
"$bmrs" query --store "$store" "SELECT settlementDate, count(DISTINCT settlementPeriod) AS periods FROM bmrs_fuelhh WHERE settlementDate IN ('2018-03-25', '2018-06-21', '2018-10-28') GROUP BY 1 ORDER BY 1"
"$bmrs" verify --store "$store"
