#!/usr/bin/env bash
# The README's second command (and what .ci/run calls): install, build, run the whole test suite twice —
# the release build, then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
#   scripts/test.sh           both (about 14 minutes on 2 idle cores from a clean clone)
#   scripts/test.sh release   the release build + every test only
#   scripts/test.sh asan      the sanitizer build + every test only
set -euo pipefail
cd "$(dirname "$0")/.."
presets=("${@:-release asan}")
presets=(${presets[*]})
scripts/setup.sh
for preset in "${presets[@]}"; do
  echo "== test suite: preset $preset" >&2
  cmake --preset "$preset"
  cmake --build --preset "$preset" -j "$(nproc)"
  ctest --preset "$preset"
done
