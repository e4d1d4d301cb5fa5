#!/usr/bin/env bash
# Tests the release tarball as a user on another machine would use it: unpack it somewhere new, check that the
# binary resolves nothing into the Swift toolchain, run its demo, and install it into a temporary prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(tr -d '[:space:]' < VERSION)
name="bmrs-$version-linux-$(uname -m)"
tarball="dist/$name.tar.gz"
(cd dist && sha256sum -c "$name.tar.gz.sha256" >/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
binary="$work/$name/bin/bmrs"
libraries=$(ldd "$binary")
if echo "$libraries" | grep -Ei 'swift|Foundation|icu|not found'; then
  echo "dist-test: the binary still needs the libraries above" >&2
  exit 1
fi
# libcurl (Sources/CCurl), libcrypto (Sources/CCrypto) and libedit (Sources/CEdit) are opened with dlopen when a
# command fetches, hashes or edits a line: linking them would load them and what they need (~30 libraries) at every
# start.
if echo "$libraries" | grep -E 'libcurl|libcrypto|libssl|libedit|libtinfo|libbsd'; then
  echo "dist-test: the binary links the libraries above (it should load them on first use)" >&2
  exit 1
fi
# The commit is compiled in (a -D define whose quotes once got lost made --version crash).
"$binary" --version | grep -q '^commit [0-9a-f]\{12\}' \
  || { "$binary" --version; echo "dist-test: --version does not name the commit" >&2; exit 1; }
size=$(stat -c %s "$binary")
[ "$size" -le $((30 * 1024 * 1024)) ] || { echo "dist-test: binary is $size bytes (limit 30 MB)" >&2; exit 1; }
# Run the demo with a PATH and library path that hold no Swift toolchain.
env -i PATH=/usr/bin:/bin HOME="$work" "$work/$name/demo.sh" "$work/demo.sqlite" > "$work/demo.out" 2>&1 \
  || { cat "$work/demo.out"; exit 1; }
grep -q "2018-03-25.*46" "$work/demo.out" || { cat "$work/demo.out"; echo "dist-test: demo output wrong" >&2; exit 1; }
# libcurl, loaded on first use, works in this binary: a week of FUELHH from the loopback Insights test server.
coproc SERVER { exec python3 Tools/insights_server.py --port 0 --data Tests/Fixtures/FUELHH_2018.json.zst; }
read -r _ port <&"${SERVER[0]}"
env -i PATH=/usr/bin:/bin HOME="$work" "$binary" ingest FUELHH --store "$work/ingest.sqlite" \
  --api-base "http://127.0.0.1:$port" --start 2018-01-01 --end 2018-01-07 > "$work/ingest.out" 2>&1 \
  || { cat "$work/ingest.out"; kill "$SERVER_PID"; echo "dist-test: ingest failed" >&2; exit 1; }
kill "$SERVER_PID" 2>/dev/null || true
"$work/$name/install.sh" "$work/prefix" >/dev/null
for file in bin/bmrs share/man/man1/bmrs.1 share/man/man1/bmrs.query.1 share/bash-completion/completions/bmrs \
  share/zsh/site-functions/_bmrs share/fish/vendor_completions.d/bmrs.fish; do
  [ -e "$work/prefix/$file" ] || { echo "dist-test: install did not write $file" >&2; exit 1; }
done
MANPATH="$work/prefix/share/man" man -w bmrs >/dev/null 2>&1 || true
echo "dist-test: ok ($name, binary $((size / 1024)) KB, $(echo "$libraries" | wc -l) shared libraries, none from Swift)"
