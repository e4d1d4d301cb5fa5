#!/usr/bin/env bash
# `swift build -c release` as `make release` and `make dist` run it: Tools/release-build.sh SCRATCH [swift build
# arguments...]. The flags are the same on every run, so a new commit relinks instead of rebuilding every module:
# - the commit and `git describe` come in as a linked object (Tools/build-info.sh), not as compiler defines;
# - linked by lld with packed relative relocations (DT_RELR, glibc 2.36+): the Swift runtime linked in statically
#   carries ~80,000 relative relocations, which the dynamic loader otherwise applies one by one at every start.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$1
shift
info="$PWD/$scratch/build-info.o"
Tools/build-info.sh "$info"
# The build does not know the object changed: remove the binary so it is linked again (unless only another
# target is asked for).
case " $* " in *" --target "*) ;; *) rm -f "$scratch/release/bmrs" ;; esac
exec swift build -c release --scratch-path "$scratch" -Xlinker "$info" \
  -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs "$@"
