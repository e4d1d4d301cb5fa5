#!/usr/bin/env bash
# Writes OBJECT, a tiny C object holding the git commit and `git describe`, for `bmrs --version`. It is linked in
# with `-Xlinker OBJECT` (see Sources/CBuildInfo): the compiler flags stay the same from commit to commit, so a
# new commit relinks the binary instead of recompiling every module (a changed -Xcc define invalidates them all).
set -euo pipefail
object=$1
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
describe=$(git describe --tags --always --dirty 2>/dev/null || echo unknown)
mkdir -p "$(dirname "$object")"
printf 'const char bmrs_build_git_commit_text[] = "%s";\nconst char bmrs_build_git_describe_text[] = "%s";\n' \
  "$commit" "$describe" | "${CC:-clang}" -x c -c -O2 -fPIC -o "$object" -
