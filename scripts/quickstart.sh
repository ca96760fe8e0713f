#!/usr/bin/env bash
# The README's first command: install what is needed, build, and run the demo on the tiny model
# shipped in tests/fixtures (resolution → tokenization → generation).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
exec build/release/cli/autoclass demo
