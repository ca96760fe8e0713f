#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang + ASan + UBSan) and runs each for FUZZ_SECONDS.
#   tests/fuzz/run.sh                       every target, FUZZ_SECONDS each (default 300)
#   tests/fuzz/run.sh fuzz_config ...       only these
#   FUZZ_JOBS=2 tests/fuzz/run.sh           libFuzzer -fork=N workers per target
# Corpora grow in build/fuzz/corpus/<target> (kept between runs); crashes land in build/fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh --fuzz
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz
out=build/fuzz
"$out/tests/fuzz/make_seed_corpus" . "$out/seeds"
mkdir -p "$out/crashes"

seconds="${FUZZ_SECONDS:-300}"
# target  seed folder  max_len  dictionary
table="fuzz_safetensors_header header          65536 safetensors.dict
fuzz_safetensors_index  index           16384 safetensors.dict
fuzz_config             config          65536 json.dict
fuzz_tokenizer_json     tokenizer_json  131072 json.dict
fuzz_tokenize           tokenize        8192  -
fuzz_schema             schema          32768 json.dict"
targets=("$@")
status=0
while read -r target seeds max_len dict; do
  if [ "${#targets[@]}" -gt 0 ] && [[ ! " ${targets[*]} " == *" $target "* ]]; then continue; fi
  mkdir -p "$out/corpus/$target"
  args=("$out/corpus/$target" "$out/seeds/$seeds" -max_len="$max_len" -max_total_time="$seconds"
        -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$out/crashes/$target-")
  [ "$dict" != - ] && args+=(-dict="tests/fuzz/$dict")
  [ -n "${FUZZ_JOBS:-}" ] && args+=(-fork="$FUZZ_JOBS")
  echo "== $target for ${seconds}s" >&2
  if ! "$out/tests/fuzz/$target" "${args[@]}" 2> "$out/$target.log"; then
    echo "   $target FOUND A PROBLEM: see $out/$target.log and $out/crashes/" >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|cov:" "$out/$target.log" | tail -2 >&2 || true
done <<< "$table"
exit $status
