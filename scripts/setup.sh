#!/usr/bin/env bash
# Installs every build and test dependency of autoclass from Debian's packages.
# Safe to run again: apt-get skips what is already there.
#   scripts/setup.sh          build + test dependencies
#   scripts/setup.sh --fuzz   also clang and its sanitizer/libFuzzer runtime (tests/fuzz)
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3
  nlohmann-json3-dev libeigen3-dev libopenblas-dev libcurl4-openssl-dev catch2
  libutf8proc-dev libpcre2-dev
  libpng-dev libjpeg62-turbo-dev libsndfile1-dev
)
if [ "${1:-}" = "--fuzz" ]; then PACKAGES+=(clang libclang-rt-14-dev); fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
