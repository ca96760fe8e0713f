#!/bin/sh
# BERT-base (12 layers, hidden 768, 12 heads, FFN 3072), seq 128, batch 1 and 8, on 1 and 2 threads:
# autoclass (bench_bert) next to PyTorch (Debian python3-torch) and ONNX Runtime (npm onnxruntime-node on
# a torch.onnx.export of the same weights). Prints one table.
#   BUILD_DIR=build ITERS=10 bench/bert/run.sh
# cpu_ms is the process CPU time per forward (all threads): on a busy machine it is the steadier
# number; "% FMA peak" is autoclass's GFLOP/s at min_ms over 215 GFLOP/s per thread.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD_DIR=${BUILD_DIR:-build}
ITERS=${ITERS:-10}
SEQ=128
BATCHES=1,8
THREADS=1,2
WORK=${WORK:-$BUILD_DIR/bench-bert-data}
TORCH_PY=${TORCH_PY:-/usr/bin/python3}   # Debian's python3-torch lives in the system interpreter
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
RESULTS="$WORK/results.txt"
: > "$RESULTS"

BENCH="$BUILD_DIR/bench/bert/bench_bert"
[ -x "$BENCH" ] || cmake --build "$BUILD_DIR" --target bench_bert

export OMP_WAIT_POLICY=PASSIVE
WEIGHTS=""
if "$TORCH_PY" -c "import torch" 2>/dev/null; then
  echo "== PyTorch $("$TORCH_PY" -c 'import torch; print(torch.__version__)') (weights, ONNX export, timings)" >&2
  "$TORCH_PY" "$HERE/reference_bench.py" --out "$WORK" --seq $SEQ --iters "$ITERS" --batches $BATCHES \
    --threads $THREADS 2>/dev/null | tee -a "$RESULTS" >&2
  WEIGHTS="$WORK/model.safetensors"
else
  echo "PyTorch not available (apt-get install python3-torch); autoclass runs on from_config weights" >&2
fi

if [ -n "$WEIGHTS" ]; then
  ORT_DIR=${ORT_DIR:-$WORK/ort-node}
  if [ ! -d "$ORT_DIR/node_modules/onnxruntime-node" ]; then
    echo "== installing onnxruntime-node into $ORT_DIR" >&2
    mkdir -p "$ORT_DIR"
    (cd "$ORT_DIR" && npm init -y >/dev/null && ONNXRUNTIME_NODE_INSTALL=skip npm install --silent onnxruntime-node) >&2
  fi
  echo "== ONNX Runtime" >&2
  NODE_PATH="$ORT_DIR/node_modules" node "$HERE/ort_bench.js" "$WORK" $SEQ "$ITERS" $BATCHES $THREADS \
    | tee -a "$RESULTS" >&2 || echo "ONNX Runtime run failed" >&2
fi

echo "== autoclass" >&2
for b in $(echo $BATCHES | tr , ' '); do
  for t in $(echo $THREADS | tr , ' '); do
    if [ -n "$WEIGHTS" ]; then
      "$BENCH" --weights "$WEIGHTS" --threads "$t" --batch "$b" --seq $SEQ --iters "$ITERS" --check-out "$WORK/autoclass_b${b}.f32"
    else
      "$BENCH" --threads "$t" --batch "$b" --seq $SEQ --iters "$ITERS"
    fi
  done
done | tee -a "$RESULTS" >&2

CHECK="n/a"
if [ -n "$WEIGHTS" ] && [ -f "$WORK/torch_b1_last_hidden_state.f32" ]; then
  CHECK=$("$TORCH_PY" -c "
import numpy as np
a = np.fromfile('$WORK/autoclass_b1.f32', dtype=np.float32)
b = np.fromfile('$WORK/torch_b1_last_hidden_state.f32', dtype=np.float32)
print('%.2e' % abs(a - b).max())")
fi

awk -v check="$CHECK" '
  { split("", kv); for (i = 2; i <= NF; ++i) { split($i, p, "="); kv[p[1]] = p[2] }
    key = kv["batch"] " " kv["threads"]; keys[key] = 1
    med[$1, key] = kv["median_ms"]; cpu[$1, key] = kv["cpu_ms"]
    if ($1 == "autoclass") gf[key] = kv["gflops"] }
  function cell(who, key) { return (who SUBSEP key) in med ? sprintf("%8.1f / %7.1f", med[who, key], cpu[who, key]) : sprintf("%18s", "-") }
  END {
    printf "BERT-base, seq 128: median wall ms / CPU ms per forward (autoclass last_hidden_state vs PyTorch max|diff| %s)\n", check
    printf "%5s %7s | %18s | %8s %9s | %18s | %18s\n", "batch", "threads", "autoclass", "GFLOP/s", "%FMApeak", "PyTorch", "ONNX Runtime"
    n = split("1 1,1 2,8 1,8 2", order, ",")
    for (i = 1; i <= n; ++i) { key = order[i]; if (!(key in keys)) continue; split(key, bt, " ")
      printf "%5s %7s | %s | %8.1f %8.1f%% | %s | %s\n", bt[1], bt[2], cell("autoclass", key), gf[key],
             100 * gf[key] / (215 * bt[2]), cell("torch", key), cell("ort", key) }
  }' "$RESULTS"
