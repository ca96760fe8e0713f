#!/usr/bin/env bash
# Tokenizer throughput: autoclass (C++) vs HF `tokenizers` (Rust, npm binding) vs transformers.js,
# same tokenizer.json files and the same corpus (a few MB of mixed text), GPT-2 / Llama-3 / BERT.
# Prints one table. Needs: a configured build dir (BUILD_DIR, default build), node + npm.
#   bench/tokenizer/run.sh            # 3 MB corpus
#   CORPUS_MB=1 REPEATS=1 bench/tokenizer/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
work="${WORK_DIR:-${TMPDIR:-/tmp}/autoclass-tokbench}"
repeats="${REPEATS:-2}"
mkdir -p "$work"

if [ ! -d "$here/node_modules/tokenizers" ] || [ ! -d "$here/node_modules/@huggingface/transformers" ]; then
  # onnxruntime-node's install script downloads binaries; transformers.js' tokenizer does not need them.
  (cd "$here" && npm install --no-audit --no-fund --ignore-scripts >&2)
fi
cmake --build "$build" --target tokenizer_bench >&2
bench_bin="$(find "$build" -name tokenizer_bench -type f -perm -u+x | head -n1)"

corpus="$work/corpus.json"
node "$here/make_corpus.js" "$corpus" "${CORPUS_MB:-3}"

results="$work/results.jsonl"
: > "$results"
for name in gpt2 llama3 bert-base-uncased; do
  # Same folder for every engine; transformers.js needs a tokenizer_class (gpt2 ships no config).
  dir="$work/tok/$name"
  mkdir -p "$dir"
  src="$repo/tests/fixtures/tokenizers/$name"
  cp "$src/tokenizer.json" "$dir/"
  if [ -f "$src/tokenizer_config.json" ]; then cp "$src/tokenizer_config.json" "$dir/";
  else echo '{"tokenizer_class": "GPT2Tokenizer"}' > "$dir/tokenizer_config.json"; fi
  echo "== $name" >&2
  "$bench_bin" "$dir" "$corpus" 2 "$repeats" | sed "s/^{/{\"tokenizer\": \"$name\", /" >> "$results"
  TOKENIZERS_PARALLELISM=false node "$here/bench.js" hf single "$dir" "$corpus" "$repeats" | sed "s/^{/{\"tokenizer\": \"$name\", /" >> "$results"
  TOKENIZERS_PARALLELISM=true RAYON_NUM_THREADS=2 node "$here/bench.js" hf batch "$dir" "$corpus" "$repeats" | sed "s/^{/{\"tokenizer\": \"$name\", /" >> "$results"
  node "$here/bench.js" tjs single "$dir" "$corpus" 1 | sed "s/^{/{\"tokenizer\": \"$name\", /" >> "$results"
done

node - "$results" <<'JS'
// MB/s and tokens/s from wall time, and from process CPU time (the machine may be shared: CPU time is
// the fair single-thread measure; wall time is what shows the batched speed-up).
const rows = require('fs').readFileSync(process.argv[2], 'utf8').trim().split('\n').map(JSON.parse);
const ref = {};
for (const r of rows) if (r.engine.startsWith('HF') && r.mode === '1 thread') ref[r.tokenizer] = r.cpu_seconds;
const head = ['tokenizer', 'engine', 'mode', 'tokens', 'MB/s wall', 'Mtok/s wall', 'MB/s CPU', 'Mtok/s CPU', 'CPU vs HF 1-thr', 'load s'];
const out = rows.map((r) => [r.tokenizer, r.engine, r.mode, String(r.tokens), (r.bytes / 1e6 / r.seconds).toFixed(2),
  (r.tokens / 1e6 / r.seconds).toFixed(3), (r.bytes / 1e6 / r.cpu_seconds).toFixed(2), (r.tokens / 1e6 / r.cpu_seconds).toFixed(3),
  (ref[r.tokenizer] / r.cpu_seconds).toFixed(2) + 'x', r.load_seconds.toFixed(3)]);
const w = head.map((h, i) => Math.max(h.length, ...out.map((o) => o[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(w[i])).join(' | ') + ' |';
console.log(`corpus: ${(rows[0].bytes / 1e6).toFixed(2)} MB; best of ${process.env.REPEATS || 2} runs (transformers.js: 1 run)`);
console.log(line(head));
console.log('|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|');
for (const o of out) console.log(line(o));
JS
