#!/usr/bin/python3
"""PyTorch side of bench/bert/run.sh.

Builds a BERT-base-shaped encoder in plain PyTorch with HF BertModel's parameter names and math
(transformers/models/bert/modeling_bert.py, eager attention, post-LN, erf GELU, tanh pooler), gives it
from_config-style random weights (Linear / Embedding ~ N(0, 0.02), biases 0, LayerNorm 1 / 0), and
  * writes them as <out>/model.safetensors (so autoclass loads the very same weights),
  * exports <out>/bert_base.onnx (torch.onnx.export; inputs input_ids, attention_mask),
  * writes <out>/torch_b1_last_hidden_state.f32 (batch 1, for a numerical cross-check),
  * prints one line per (batch, threads): "torch threads=T batch=B seq=S median_ms=... min_ms=... cpu_ms=...".
transformers itself is not installed here (no PyPI), hence the small re-implementation.
"""
import argparse
import json
import math
import os
import struct
import time

import torch
from torch import nn

CFG = dict(vocab=30522, hidden=768, layers=12, heads=12, inner=3072, positions=512, types=2, eps=1e-12)


class SelfAttention(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)


class DenseNorm(nn.Module):
    def __init__(self, i, o):
        super().__init__()
        self.dense = nn.Linear(i, o)
        self.LayerNorm = nn.LayerNorm(o, eps=CFG["eps"])


class Attention(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.self = SelfAttention(h)
        self.output = DenseNorm(h, h)


class Intermediate(nn.Module):
    def __init__(self, h, i):
        super().__init__()
        self.dense = nn.Linear(h, i)


class Layer(nn.Module):
    def __init__(self, h, i):
        super().__init__()
        self.attention = Attention(h)
        self.intermediate = Intermediate(h, i)
        self.output = DenseNorm(i, h)

    def forward(self, x, add_mask):
        b, s, h = x.shape
        nh = CFG["heads"]
        d = h // nh
        sa = self.attention.self
        q = sa.query(x).view(b, s, nh, d).transpose(1, 2)
        k = sa.key(x).view(b, s, nh, d).transpose(1, 2)
        v = sa.value(x).view(b, s, nh, d).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + add_mask
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, s, h)
        x = self.attention.output.LayerNorm(self.attention.output.dense(ctx) + x)
        inner = torch.nn.functional.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(self.output.dense(inner) + x)


class Embeddings(nn.Module):
    def __init__(self):
        super().__init__()
        h = CFG["hidden"]
        self.word_embeddings = nn.Embedding(CFG["vocab"], h)
        self.position_embeddings = nn.Embedding(CFG["positions"], h)
        self.token_type_embeddings = nn.Embedding(CFG["types"], h)
        self.LayerNorm = nn.LayerNorm(h, eps=CFG["eps"])


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([Layer(CFG["hidden"], CFG["inner"]) for _ in range(CFG["layers"])])


class Pooler(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(CFG["hidden"], CFG["hidden"])


class BertBase(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = Embeddings()
        self.encoder = Encoder()
        self.pooler = Pooler()

    def forward(self, input_ids, attention_mask):
        s = input_ids.shape[1]
        e = self.embeddings
        pos = torch.arange(s, device=input_ids.device).unsqueeze(0)
        x = e.word_embeddings(input_ids) + e.token_type_embeddings(torch.zeros_like(input_ids)) + e.position_embeddings(pos)
        x = e.LayerNorm(x)
        add_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.encoder.layer:
            x = layer(x, add_mask)
        pooled = torch.tanh(self.pooler.dense(x[:, 0]))
        return x, pooled


def init_like_hf(model, seed):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Embedding)):
            m.weight.data = torch.randn(m.weight.shape, generator=g) * 0.02
            if isinstance(m, nn.Linear):
                m.bias.data.zero_()
        elif isinstance(m, nn.LayerNorm):
            m.weight.data.fill_(1.0)
            m.bias.data.zero_()


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().contiguous().float().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def ids_for(batch, seq):
    # The same formula as bench_bert.cpp.
    flat = [(i * 7919 + 101) % 30522 for i in range(batch * seq)]
    return torch.tensor(flat, dtype=torch.long).view(batch, seq)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--batches", default="1,8")
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    model = BertBase().eval()
    init_like_hf(model, 42)
    write_safetensors(os.path.join(args.out, "model.safetensors"), model.state_dict())

    with torch.no_grad():
        ids = ids_for(1, args.seq)
        hidden, _ = model(ids, torch.ones_like(ids))
        hidden.numpy().astype("float32").tofile(os.path.join(args.out, "torch_b1_last_hidden_state.f32"))
        torch.onnx.export(model, (ids, torch.ones_like(ids)), os.path.join(args.out, "bert_base.onnx"),
                          input_names=["input_ids", "attention_mask"],
                          output_names=["last_hidden_state", "pooler_output"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}},
                          opset_version=14)
        for batch in [int(b) for b in args.batches.split(",")]:
            for threads in [int(t) for t in args.threads.split(",")]:
                torch.set_num_threads(threads)
                ids = ids_for(batch, args.seq)
                mask = torch.ones_like(ids)
                model(ids, mask)
                ms = []
                cpu0 = time.process_time()
                for _ in range(args.iters):
                    t0 = time.perf_counter()
                    model(ids, mask)
                    ms.append((time.perf_counter() - t0) * 1000)
                cpu_ms = (time.process_time() - cpu0) * 1000 / args.iters
                ms.sort()
                print(f"torch threads={threads} batch={batch} seq={args.seq} median_ms={ms[len(ms) // 2]:.2f} "
                      f"min_ms={ms[0]:.2f} cpu_ms={cpu_ms:.2f}", flush=True)


if __name__ == "__main__":
    main()
