#!/usr/bin/env bash
# Install the local-bigquery emulator (PyPI) with pinned versions so it never downloads at run time.
# usage: Tools/install-local-bigquery.sh [PREFIX]   (default ~/.cache/bmrs/local-bigquery)
#        BMRS_BENCH_PYTHON_CLIENT=1 Tools/install-local-bigquery.sh   also installs google-cloud-bigquery 3.47.0
#        (the official client, for the sync benchmark's comparison)
# Creates PREFIX/venv and PREFIX/duckhome; a second run with the same pins is a no-op (PREFIX/.pins).
# Needs Python >= 3.13: $PYTHON313, else ~/.pyenv/versions/3.13*/bin/python3, else python3.13.
set -euo pipefail
PREFIX=${1:-${HOME}/.cache/bmrs/local-bigquery}
PINS="local-bigquery==0.4.0 duckdb==1.5.5 duckdb-extensions==1.5.5 duckdb-extension-icu==1.5.5 duckdb-extension-ducklake==1.5.5 duckdb-extension-spatial==1.5.5"
CLIENT_PIN="google-cloud-bigquery==3.47.0"
install_client() {
    if [[ "${BMRS_BENCH_PYTHON_CLIENT:-0}" == 1 ]] && ! "$PREFIX/venv/bin/python" -c 'import google.cloud.bigquery' 2>/dev/null; then
        "$PREFIX/venv/bin/pip" install -q "$CLIENT_PIN" 2>&1 | grep -v -e "dependency resolver" -e "requires duckdb" || true
    fi
}
if [[ -f "$PREFIX/.pins" && "$(cat "$PREFIX/.pins")" == "$PINS" && -x "$PREFIX/venv/bin/local-bigquery" ]]; then
    install_client
    exit 0
fi
PY=${PYTHON313:-}
if [[ -z "$PY" ]]; then
    for candidate in "$HOME"/.pyenv/versions/3.13*/bin/python3; do
        [[ -x "$candidate" ]] && PY=$candidate
    done
fi
PY=${PY:-python3.13}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 13) else 1)' 2>/dev/null; then
    echo "install-local-bigquery: needs Python >= 3.13 (set PYTHON313); '$PY' is not it" >&2
    exit 1
fi
rm -rf "$PREFIX/venv" "$PREFIX/duckhome" "$PREFIX/.pins"
mkdir -p "$PREFIX"
"$PY" -m venv "$PREFIX/venv"
"$PREFIX/venv/bin/pip" install -q local-bigquery==0.4.0
# DuckDB >= 2.0 downloads icu/ducklake/spatial from extensions.duckdb.org at run time; DuckDB 1.5.5 has them
# on PyPI as wheels, which we install into a private HOME. local-bigquery declares duckdb>=2.0 but passes on 1.5.5.
"$PREFIX/venv/bin/pip" install -q duckdb==1.5.5 duckdb-extensions==1.5.5 duckdb-extension-icu==1.5.5 \
    duckdb-extension-ducklake==1.5.5 duckdb-extension-spatial==1.5.5 2>&1 |
    grep -v -e "dependency resolver" -e "requires duckdb>=2.0.0" || true
mkdir -p "$PREFIX/duckhome"
HOME="$PREFIX/duckhome" "$PREFIX/venv/bin/python" - <<'PY'
import duckdb, duckdb_extensions
con = duckdb.connect()
for name in ("icu", "ducklake", "spatial"):
    duckdb_extensions.import_extension(name, con=con)
PY
echo "$PINS" >"$PREFIX/.pins"
install_client
echo "local-bigquery installed in $PREFIX"
