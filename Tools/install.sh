#!/usr/bin/env bash
# Installs bmrs the way Unix tools arrive: the binary, its manual pages and shell completions.
#   ./install.sh [PREFIX]     (default /usr/local; also DESTDIR for packaging)
# Run from an unpacked release tarball, or by `make install PREFIX=…` from a checkout after `make dist`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${1:-${PREFIX:-/usr/local}}"
root="${DESTDIR:-}$prefix"
install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d" "$root/share/bmrs"
install -m 0755 "$here/bin/bmrs" "$root/bin/bmrs"
install -m 0644 "$here"/share/man/man1/*.1 "$root/share/man/man1/"
install -m 0644 "$here/share/bash-completion/completions/bmrs" "$root/share/bash-completion/completions/bmrs"
install -m 0644 "$here/share/zsh/site-functions/_bmrs" "$root/share/zsh/site-functions/_bmrs"
install -m 0644 "$here/share/fish/vendor_completions.d/bmrs.fish" "$root/share/fish/vendor_completions.d/bmrs.fish"
install -m 0644 "$here/share/bmrs/FUELHH_2018.json.zst" "$root/share/bmrs/FUELHH_2018.json.zst"
echo "installed bmrs $("$root/bin/bmrs" --version | head -1 | cut -d' ' -f2) into $root"
