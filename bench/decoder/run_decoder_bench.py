#!/usr/bin/python3
"""Runs bench_decoder (autoclass) and torch_decoder_bench.py (PyTorch, OMP_WAIT_POLICY=PASSIVE) for
GPT-2-small and a 1B LLaMA shape, f32 / bf16 weights, 1 / 2 threads, one process per cell, and prints one
table with the memory-bandwidth bound of decode (weight bytes per token ÷ measured copy bandwidth).
  run_decoder_bench.py <path to bench_decoder> [models=gpt2,llama1b] [threads=1,2]
"""
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env):
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    binary = sys.argv[1]
    models = (sys.argv[2] if len(sys.argv) > 2 else "gpt2,llama1b").split(",")
    threads = [int(t) for t in (sys.argv[3] if len(sys.argv) > 3 else "1,2").split(",")]
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    rows = []
    for m in models:
        decode = "32" if m == "gpt2" else "8"
        for p in ("f32", "bf16"):
            for t in threads:
                ours = run([binary, m, p, str(t), "128", decode], env)
                torch = run(["/usr/bin/python3", os.path.join(here, "torch_decoder_bench.py"), m, p, str(t), "128", decode],
                            env)
                rows.append((ours, torch))
                print(f"# done {m} {p} {t}", file=sys.stderr, flush=True)
    head = ("model", "weights", "thr", "prefill tok/s", "torch prefill", "decode tok/s", "torch decode", "bound tok/s",
            "% of bound", "copy GB/s")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for o, t in rows:
        pct = 100.0 * o["decode_tok_s"] / o["decode_bound_tok_s"]
        print(f"| {o['model']} | {o['precision']} | {o['threads']} | {o['prefill_tok_s']:.1f} | {t['prefill_tok_s']:.1f} | "
              f"{o['decode_tok_s']:.2f} | {t['decode_tok_s']:.2f} | {o['decode_bound_tok_s']:.2f} | {pct:.0f}% | "
              f"{o['copy_bw_GBs']:.1f} |")


if __name__ == "__main__":
    main()
