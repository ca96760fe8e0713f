#!/usr/bin/env bash
# The README's second command (and what .ci/run calls): install, build, run the whole test suite.
#   scripts/test.sh          release build + every test
#   scripts/test.sh asan     the same under AddressSanitizer + UndefinedBehaviorSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
scripts/setup.sh
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset"
