#!/usr/bin/env python3
"""Which backbone layer carries the answer span, and how much head it takes: a study, not the shipped head.

Runs training/common/backbone.py's copy of the backbone (float32 weights read from model.onnx) over the QA windows
that `DumpFeatures.cs --ids-only` wrote, keeps the hidden states after each layer for a fixed sample (all
development windows, --train-windows training windows), then trains start/end heads of growing size on each layer
with the same split, epochs and proxy metric as train_span_head.py. Prints one JSON row per (layer, head).

  dotnet run --file training/qa/DumpFeatures.cs -- ../shared/data/squad/squad-v1.1-dev-part-a.json data/qa-ids --ids-only
  python3 training/qa/probe_layers.py --windows data/qa-ids/windows.jsonl --out data/qa-probe.json
"""
import argparse, json, os, sys, time

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
sys.path.insert(0, HERE)
import backbone as backbone_module  # noqa: E402
from train_span_head import SpanHead, chunks, evaluate, tensors  # noqa: E402


@torch.no_grad()
def all_layers(model, meta, layers, length=256, batch=32):
    states = {l: np.zeros((len(meta), length, 384), dtype=np.float16) for l in layers}
    for start in range(0, len(meta), batch):
        chunk = meta[start:start + batch]
        width = max(m["tokens"] for m in chunk)
        ids = torch.zeros(len(chunk), width, dtype=torch.long)
        types, mask = torch.zeros_like(ids), torch.zeros_like(ids)
        for row, m in enumerate(chunk):
            ids[row, :m["tokens"]], types[row, :m["tokens"]], mask[row, :m["tokens"]] = torch.tensor(m["ids"]), torch.tensor(m["types"]), 1
        x = model.norm(model.word(ids) + model.position(torch.arange(width))[None] + model.token_type(types))
        bias = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for depth, layer in enumerate(model.layers, start=1):
            x = layer(x, bias)
            if depth in states:
                states[depth][start:start + len(chunk), :width] = x.numpy()
    return states


class Linear(nn.Module):
    def __init__(self):
        super().__init__()
        self.logits = nn.Linear(384, 2)

    def forward(self, hidden_states, attention_mask):
        logits = self.logits(hidden_states).masked_fill((attention_mask == 0)[:, :, None], -1e4)
        return logits[..., 0], logits[..., 1]


def train(model, train_idx, dev_idx, meta, states, epochs, lr, rng):
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    loss_fn, curve = nn.CrossEntropyLoss(), []
    for epoch in range(epochs):
        for chunk in chunks(train_idx, 32, rng.permutation(train_idx)):
            x, mask, start, end = tensors(chunk, meta, states)
            s, e = model(x, mask)
            loss = (loss_fn(s, start) + loss_fn(e, end)) / 2
            optimizer.zero_grad(); loss.backward(); optimizer.step()
        figures = evaluate(model, dev_idx, meta, states)
        curve.append({"epoch": epoch + 1, **{k: round(v, 1) for k, v in figures.items()}})
    return curve


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--windows", default="data/qa-ids/windows.jsonl")
    p.add_argument("--backbone", default="models/backbone/model.onnx")
    p.add_argument("--out", default="data/qa-probe.json")
    p.add_argument("--train-windows", type=int, default=2000)
    p.add_argument("--dev-windows", type=int, default=0, help="sample of development windows (0 = all)")
    p.add_argument("--layers", default="2,4,6")
    p.add_argument("--heads", default="linear,block1,block2")
    p.add_argument("--epochs", type=int, default=3)
    a = p.parse_args()
    torch.manual_seed(13)
    rng = np.random.default_rng(13)
    meta = [json.loads(l) for l in open(a.windows)]
    titles = list(dict.fromkeys(m["title"] for m in meta))
    dev_titles = set(titles[5::6])
    train_all = [i for i, m in enumerate(meta) if m["title"] not in dev_titles]
    dev_all = [i for i, m in enumerate(meta) if m["title"] in dev_titles]
    dev_keep = rng.choice(dev_all, size=a.dev_windows, replace=False).tolist() if 0 < a.dev_windows < len(dev_all) else dev_all
    keep = sorted(rng.choice(train_all, size=min(a.train_windows, len(train_all)), replace=False).tolist() + dev_keep)
    meta = [meta[i] for i in keep]
    train_idx = [i for i, m in enumerate(meta) if m["title"] not in dev_titles]
    dev_idx = [i for i, m in enumerate(meta) if m["title"] in dev_titles]
    layers = [int(x) for x in a.layers.split(",")]
    started = time.time()
    states = all_layers(backbone_module.load_onnx(a.backbone), meta, layers)
    print(f"states for {len(meta)} windows, layers {layers}: {time.time() - started:.0f}s", flush=True)
    rows = []
    for layer in layers:
        for head in a.heads.split(","):
            model = Linear() if head == "linear" else SpanHead(layers=int(head[-1]))
            tick = time.time()
            curve = train(model, train_idx, dev_idx, meta, states[layer], a.epochs, 1e-3 if head == "linear" else 5e-4, rng)
            rows.append({"layer": layer, "head": head, "train_windows": len(train_idx), "dev_windows": len(dev_idx), "curve": curve, "seconds": round(time.time() - tick)})
            print(json.dumps(rows[-1]), flush=True)
            json.dump({"rows": rows, "args": vars(a)}, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
