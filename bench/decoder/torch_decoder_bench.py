#!/usr/bin/python3
"""PyTorch baseline for bench_decoder: the same GPT-2-small / 1B LLaMA shapes written directly in torch
(eager, KV cache, random weights), timed the same way: a 128-token prefill, then greedy decode steps.
Debian's python3-torch has no `transformers`, so the models are spelled out here (the math of
modeling_gpt2.py / modeling_llama.py, not their code).
  torch_decoder_bench.py <gpt2|llama1b> <f32|bf16> <threads> [prompt=128] [decode=32]   -> one JSON line
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F


def lin(o, i, dtype):
    return (torch.randn(o, i) * 0.02).to(dtype)


class Gpt2:
    def __init__(self, dtype, h=768, layers=12, heads=12, vocab=50257, positions=1024):
        self.h, self.heads, self.dtype = h, heads, dtype
        self.wte = lin(vocab, h, dtype)
        self.wpe = lin(positions, h, dtype)
        self.blocks = [dict(ln1=(torch.ones(h, dtype=dtype), torch.zeros(h, dtype=dtype)), attn=lin(3 * h, h, dtype),
                            attn_b=torch.zeros(3 * h, dtype=dtype), proj=lin(h, h, dtype), proj_b=torch.zeros(h, dtype=dtype),
                            ln2=(torch.ones(h, dtype=dtype), torch.zeros(h, dtype=dtype)), fc=lin(4 * h, h, dtype),
                            fc_b=torch.zeros(4 * h, dtype=dtype), out=lin(h, 4 * h, dtype), out_b=torch.zeros(h, dtype=dtype))
                       for _ in range(layers)]
        self.lnf = (torch.ones(h, dtype=dtype), torch.zeros(h, dtype=dtype))

    def new_cache(self):
        return [None] * len(self.blocks)

    def step(self, ids, start, cache):
        n = ids.shape[1]
        x = self.wte[ids] + self.wpe[torch.arange(start, start + n)]
        d = self.h // self.heads
        for i, b in enumerate(self.blocks):
            a = F.layer_norm(x, (self.h,), *b["ln1"])
            q, k, v = F.linear(a, b["attn"], b["attn_b"]).split(self.h, dim=-1)
            q, k, v = (t.view(1, n, self.heads, d).transpose(1, 2) for t in (q, k, v))
            if cache[i] is not None:
                k, v = torch.cat([cache[i][0], k], 2), torch.cat([cache[i][1], v], 2)
            cache[i] = (k, v)
            s = (q @ k.transpose(-1, -2)) / math.sqrt(d)
            if n > 1:
                s = s + torch.full((n, k.shape[2]), float("-inf"), dtype=s.dtype).triu(k.shape[2] - n + 1)
            o = (s.softmax(-1) @ v).transpose(1, 2).reshape(1, n, self.h)
            x = x + F.linear(o, b["proj"], b["proj_b"])
            m = F.layer_norm(x, (self.h,), *b["ln2"])
            x = x + F.linear(F.gelu(F.linear(m, b["fc"], b["fc_b"]), approximate="tanh"), b["out"], b["out_b"])
        x = F.layer_norm(x[:, -1:], (self.h,), *self.lnf)
        return F.linear(x, self.wte)[0, -1]


class Llama:
    def __init__(self, dtype, h=2048, layers=16, heads=32, kv=8, ff=8192, vocab=32000, theta=10000.0):
        self.h, self.heads, self.kv, self.d = h, heads, kv, h // heads
        self.embed = lin(vocab, h, dtype)
        self.layers = [dict(n1=torch.ones(h, dtype=dtype), q=lin(h, h, dtype), k=lin(kv * self.d, h, dtype),
                            v=lin(kv * self.d, h, dtype), o=lin(h, h, dtype), n2=torch.ones(h, dtype=dtype),
                            gate=lin(ff, h, dtype), up=lin(ff, h, dtype), down=lin(h, ff, dtype)) for _ in range(layers)]
        self.norm = torch.ones(h, dtype=dtype)
        self.head = lin(vocab, h, dtype)
        self.inv_freq = 1.0 / (theta ** (torch.arange(0, self.d, 2).float() / self.d))

    def new_cache(self):
        return [None] * len(self.layers)

    @staticmethod
    def rms(x, w):
        xf = x.float()
        return w * (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + 1e-5)).to(x.dtype)

    def rope(self, x, cos, sin):
        x1, x2 = x[..., : self.d // 2], x[..., self.d // 2:]
        return x * cos + torch.cat([-x2, x1], -1) * sin

    def step(self, ids, start, cache):
        n = ids.shape[1]
        x = self.embed[ids]
        f = torch.outer(torch.arange(start, start + n).float(), self.inv_freq)
        emb = torch.cat([f, f], -1)
        cos, sin = emb.cos().to(x.dtype), emb.sin().to(x.dtype)
        rep = self.heads // self.kv
        for i, l in enumerate(self.layers):
            a = self.rms(x, l["n1"])
            q = F.linear(a, l["q"]).view(1, n, self.heads, self.d).transpose(1, 2)
            k = F.linear(a, l["k"]).view(1, n, self.kv, self.d).transpose(1, 2)
            v = F.linear(a, l["v"]).view(1, n, self.kv, self.d).transpose(1, 2)
            q, k = self.rope(q, cos, sin), self.rope(k, cos, sin)
            if cache[i] is not None:
                k, v = torch.cat([cache[i][0], k], 2), torch.cat([cache[i][1], v], 2)
            cache[i] = (k, v)
            kk, vv = k.repeat_interleave(rep, 1), v.repeat_interleave(rep, 1)
            s = (q @ kk.transpose(-1, -2)) / math.sqrt(self.d)
            if n > 1:
                s = s + torch.full((n, kk.shape[2]), float("-inf"), dtype=s.dtype).triu(kk.shape[2] - n + 1)
            o = (s.float().softmax(-1).to(q.dtype) @ vv).transpose(1, 2).reshape(1, n, self.h)
            x = x + F.linear(o, l["o"])
            m = self.rms(x, l["n2"])
            x = x + F.linear(F.silu(F.linear(m, l["gate"])) * F.linear(m, l["up"]), l["down"])
        return F.linear(self.rms(x[:, -1:], self.norm), self.head)[0, -1]


def main():
    name, precision, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    prompt = int(sys.argv[4]) if len(sys.argv) > 4 else 128
    decode = int(sys.argv[5]) if len(sys.argv) > 5 else 32
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    dtype = torch.bfloat16 if precision == "bf16" else torch.float32
    model = Gpt2(dtype) if name == "gpt2" else Llama(dtype)
    ids = torch.tensor([[(i * 7919 + 13) % 1000 for i in range(prompt)]])
    prefill_s = decode_s = prefill_c = decode_c = float("inf")
    with torch.inference_mode():
        model.step(ids[:, :16], 0, model.new_cache())  # warm-up
        for _ in range(3):
            cache = model.new_cache()
            t0, c0 = time.perf_counter(), time.process_time()
            logits = model.step(ids, 0, cache)
            prefill_s = min(prefill_s, time.perf_counter() - t0)
            prefill_c = min(prefill_c, (time.process_time() - c0) / threads)
            t0, c0 = time.perf_counter(), time.process_time()
            for i in range(decode):
                tok = int(logits.argmax())
                logits = model.step(torch.tensor([[tok]]), prompt + i, cache)
            decode_s = min(decode_s, time.perf_counter() - t0)
            decode_c = min(decode_c, (time.process_time() - c0) / threads)
    print(json.dumps({"impl": "pytorch " + torch.__version__, "model": name, "precision": precision, "threads": threads,
                      "prompt": prompt, "prefill_tok_s": round(prompt / prefill_s, 2),
                      "decode_tok_s": round(decode / decode_s, 3), "prefill_tok_cpu_s": round(prompt / prefill_c, 2),
                      "decode_tok_cpu_s": round(decode / decode_c, 3)}))


if __name__ == "__main__":
    main()
