#!/usr/bin/env bash
# `make dist`: a portable tarball, dist/bmrs-VERSION-linux-ARCH.tar.gz, and its SHA-256. The binary links Swift's
# standard library and Foundation statically (FoundationEssentials only: no ICU), so it runs on a Debian 12 that
# has only the runtime packages (libsqlite3-0 libcurl4 libzstd1 zlib1g libssl3 libedit2 ca-certificates tzdata).
# Extra `swift build` flags (the commit to compile in) come from the Makefile in BUILD_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(tr -d '[:space:]' < VERSION)
name="bmrs-$version-linux-$(uname -m)"
scratch=.build-dist
# shellcheck disable=SC2086
swift build -c release --static-swift-stdlib --scratch-path "$scratch" ${BUILD_FLAGS:-}
binary="$scratch/release/bmrs"

staging="dist/$name"
rm -rf "$staging" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$staging"/bin "$staging"/share/man/man1 "$staging"/share/bash-completion/completions \
  "$staging"/share/zsh/site-functions "$staging"/share/fish/vendor_completions.d "$staging"/share/bmrs
cp "$binary" "$staging/bin/bmrs"
strip "$staging/bin/bmrs"

# One manual page for bmrs and one per subcommand, from the argument parser's own description of the tool.
swift package --scratch-path "$scratch" plugin --allow-writing-to-package-directory generate-manual \
  --configuration release --multi-page >/dev/null
cp "$scratch"/plugins/GenerateManual/outputs/bmrs/*.1 "$staging/share/man/man1/"

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
