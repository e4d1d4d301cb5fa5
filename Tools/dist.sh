#!/usr/bin/env bash
# `make dist`: a portable tarball, dist/bmrs-VERSION-linux-ARCH.tar.gz, and its SHA-256. The binary links Swift's
# standard library and Foundation statically (FoundationEssentials only: no ICU), so it runs on a Debian 12 that
# has only the runtime packages (libsqlite3-0 libcurl4 libzstd1 zlib1g libssl3 libedit2 ca-certificates tzdata).
# Built by Tools/release-build.sh, as `make release` (the commit linked in, lld, packed relocations).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(tr -d '[:space:]' < VERSION)
name="bmrs-$version-linux-$(uname -m)"
scratch=.build-dist
Tools/release-build.sh "$scratch" --static-swift-stdlib
binary="$scratch/release/bmrs"
"$binary" --version >/dev/null || { echo "dist: the built binary does not run" >&2; exit 1; }

staging="dist/$name"
rm -rf "$staging" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$staging"/bin "$staging"/share/man/man1 "$staging"/share/bash-completion/completions \
  "$staging"/share/zsh/site-functions "$staging"/share/fish/vendor_completions.d "$staging"/share/bmrs
cp "$binary" "$staging/bin/bmrs"
strip "$staging/bin/bmrs"

# One manual page for bmrs and one per subcommand, from the argument parser's own description of the tool, by
# swift-argument-parser's generate-manual (what its plugin runs). The plugin itself would rebuild bmrs without
# --static-swift-stdlib into the same scratch path, so its tool is built as a target and linked here instead.
Tools/release-build.sh "$scratch" --static-swift-stdlib --target generate-manual
manual_tool="$scratch/release/generate-manual"
swiftc -static-stdlib "$scratch"/release/generate_manual.build/*.o "$scratch"/release/ArgumentParser.build/*.o \
  "$scratch"/release/ArgumentParserToolInfo.build/*.o -Xlinker --defsym -Xlinker main=generate_manual_main \
  -o "$manual_tool" 2> >(grep -v "use of .mktemp. is dangerous" >&2)
# The commit's date, not today's, so the same commit gives the same pages.
"$manual_tool" "$staging/bin/bmrs" --multi-page --date "$(git log -1 --format=%cs 2>/dev/null || date +%F)" \
  --output-directory "$staging/share/man/man1"

"$staging/bin/bmrs" --generate-completion-script bash > "$staging/share/bash-completion/completions/bmrs"
"$staging/bin/bmrs" --generate-completion-script zsh > "$staging/share/zsh/site-functions/_bmrs"
"$staging/bin/bmrs" --generate-completion-script fish > "$staging/share/fish/vendor_completions.d/bmrs.fish"

cp Tests/Fixtures/FUELHH_2018.json.zst "$staging/share/bmrs/"
cp Tools/dist-demo.sh "$staging/demo.sh"
cp Tools/install.sh "$staging/install.sh"
cp README.md LICENSE VERSION "$staging/"

tar -C dist -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz ($(du -k "dist/$name.tar.gz" | cut -f1) KB; binary $(du -k "$staging/bin/bmrs" | cut -f1) KB)"
