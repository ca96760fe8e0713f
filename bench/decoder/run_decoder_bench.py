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
                print(json.dumps(ours), file=sys.stderr, flush=True)
                print(json.dumps(torch), file=sys.stderr, flush=True)
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(f"load average during the run: {load} (2 cores shared). Rates: wall clock, then per CPU-second ÷ threads")
    print("(as if the cores were ours; memory-bound stalls still count). Bound = copy bandwidth ÷ weight bytes per token.")
    head = ("model", "weights", "thr", "prefill tok/s wall / cpu", "torch prefill wall / cpu", "decode tok/s wall / cpu",
            "torch decode wall / cpu", "bound tok/s wall / cpu", "decode % of bound wall / cpu", "copy GB/s wall / cpu")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for o, t in rows:
        pw = 100.0 * o["decode_tok_s"] / o["decode_bound_tok_s"]
        pc = 100.0 * o["decode_tok_cpu_s"] / o["decode_bound_tok_cpu_s"]
        print(f"| {o['model']} | {o['precision']} | {o['threads']} | {o['prefill_tok_s']:.0f} / {o['prefill_tok_cpu_s']:.0f} | "
              f"{t['prefill_tok_s']:.0f} / {t['prefill_tok_cpu_s']:.0f} | {o['decode_tok_s']:.2f} / {o['decode_tok_cpu_s']:.2f} | "
              f"{t['decode_tok_s']:.2f} / {t['decode_tok_cpu_s']:.2f} | {o['decode_bound_tok_s']:.2f} / "
              f"{o['decode_bound_tok_cpu_s']:.2f} | {pw:.0f}% / {pc:.0f}% | {o['copy_bw_GBs']:.1f} / {o['copy_bw_cpu_GBs']:.1f} |")


if __name__ == "__main__":
    main()
