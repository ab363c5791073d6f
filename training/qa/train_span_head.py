#!/usr/bin/env python3
"""Trains the QA span head on cached backbone features (DumpFeatures.cs) and exports it to ONNX.

Frozen backbone, small head: one or more self-attention layers over the last hidden states, then start/end
logits. The split is by article (every 6th article is development). The loop is training/common/trainer.py:
checkpoints each epoch in --work/l<layers>/, so rerunning the command resumes (`touch <work>/l<layers>/STOP` pauses);
the last epoch is exported. Needs Debian's python3-torch and python3-onnx.

Usage (from the repository root):
  python3 training/qa/train_span_head.py --features data/qa-features --out models/heads/qa-span [--epochs 8] [--layers 1]
"""
import argparse, json, math, os, sys
import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from trainer import Loop, export_onnx, machine, replayed_permutation, write_manifest  # noqa: E402

HIDDEN = 384
SEQUENCE = 256  # Backbone:MaxSequenceLength the features were dumped with


class SelfAttentionBlock(nn.Module):
    """Pre-norm self-attention + feed-forward written with plain ops so that it exports cleanly to ONNX."""

    def __init__(self, width, heads, ff, dropout):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.out = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.ff = nn.Sequential(nn.Linear(width, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, width))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, l, w = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, l, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(w // self.heads) + bias
        attended = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, l, w)
        x = x + self.drop(self.out(attended))
        return x + self.drop(self.ff(self.norm2(x)))


class SpanHead(nn.Module):
    def __init__(self, layers=1, heads=6, ff=1024, dropout=0.1):
        super().__init__()
        self.blocks = nn.ModuleList(SelfAttentionBlock(HIDDEN, heads, ff, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(HIDDEN)
        self.logits = nn.Linear(HIDDEN, 2)

    def forward(self, hidden_states, attention_mask):
        pad = (attention_mask == 0)
        bias = pad[:, None, None, :].to(hidden_states.dtype) * -1e4
        x = hidden_states
        for block in self.blocks:
            x = block(x, bias)
        logits = self.logits(self.norm(x)).masked_fill(pad[:, :, None], -1e4)
        return logits[..., 0], logits[..., 1]


def load(features):
    meta = [json.loads(l) for l in open(os.path.join(features, "windows.jsonl"))]
    states = np.memmap(os.path.join(features, "hidden.f16"), dtype=np.float16, mode="r", shape=(len(meta), SEQUENCE, HIDDEN))
    return meta, states


def chunks(indices, size, order=None):
    """An epoch's batches as sorted window indices (the memmap is read in order); `order` permutes them first."""
    order = np.array(indices) if order is None else order
    return [sorted(order[i:i + size]) for i in range(0, len(order), size)]


def tensors(chunk, meta, states):
    """Hidden states, mask and start/end labels of a batch, padded to its longest window."""
    length = max(meta[j]["tokens"] for j in chunk)
    x = torch.from_numpy(np.asarray(states[chunk, :length], dtype=np.float32))
    mask = torch.tensor([[1] * meta[j]["tokens"] + [0] * (length - meta[j]["tokens"]) for j in chunk])
    return x, mask, torch.tensor([meta[j]["start"] for j in chunk]), torch.tensor([meta[j]["end"] for j in chunk])


@torch.no_grad()
def evaluate(model, indices, meta, states, max_len=30):
    """Token-level proxy for SQuAD metrics on windows holding the answer: exact span match and token-overlap F1, in %
    (eval mode inside, so probe_layers.py can call it outside the Loop)."""
    model.eval()
    exact = f1 = n = 0
    for chunk in chunks(indices, 64):
        x, mask, start, end = tensors(chunk, meta, states)
        s, e = model(x, mask)
        for row in range(len(start)):
            if start[row] == 0:
                continue
            scores = s[row][:, None] + e[row][None, :]
            valid = torch.triu(torch.ones_like(scores, dtype=torch.bool)) & ~torch.triu(torch.ones_like(scores, dtype=torch.bool), max_len)
            valid[0, :] = False
            ps, pe = divmod(int(scores.masked_fill(~valid, -1e9).argmax()), scores.shape[1])
            gs, ge = int(start[row]), int(end[row])
            overlap = max(0, min(pe, ge) - max(ps, gs) + 1)
            exact += int(ps == gs and pe == ge)
            f1 += 0 if overlap == 0 else 2 * overlap / ((pe - ps + 1) + (ge - gs + 1))
            n += 1
    model.train()
    return {"dev_token_exact": 100 * exact / n, "dev_token_f1": 100 * f1 / n}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="data/qa-features")
    parser.add_argument("--out", default="models/heads/qa-span")
    parser.add_argument("--work", default="data/qa-train")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    meta, states = load(args.features)
    titles = list(dict.fromkeys(m["title"] for m in meta))
    dev_titles = set(titles[5::6])
    train = [i for i, m in enumerate(meta) if m["title"] not in dev_titles]
    dev = [i for i, m in enumerate(meta) if m["title"] in dev_titles]
    model = SpanHead(layers=args.layers)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(train) / args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    loop = Loop(os.path.join(args.work, f"l{args.layers}"), model, optimizer, scheduler=schedule, select="dev_token_f1", epochs=args.epochs)
    earlier_seconds = loop.seconds
    loss_fn = nn.CrossEntropyLoss()

    def step(chunk, _):
        x, mask, start, end = tensors(chunk, meta, states)
        s, e = model(x, mask)
        loss = (loss_fn(s, start) + loss_fn(e, end)) / 2
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        return loss

    curve = loop.fit(lambda epoch: chunks(train, args.batch, replayed_permutation(train, args.seed, epoch)), step,
                     lambda: evaluate(model, dev, meta, states))
    if loop.stopped:
        return  # paused by a STOP file: the same command resumes, and exports when the epochs are done
    # The last epoch's weights are exported, as always: the development articles are the figures reported, not a selection split.
    export(model, args, meta, states, dev, train, dev_titles, curve, loop.seconds - earlier_seconds)


def export(model, args, meta, states, dev, train, dev_titles, curve, seconds):
    x, mask, _, _ = tensors(dev[:1], meta, states)
    s, e = export_onnx(model, (x, mask), args.out, ["hidden_states", "attention_mask"], ["start_logits", "end_logits"],
                       {"hidden_states": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                        "start_logits": {0: "batch", 1: "tokens"}, "end_logits": {0: "batch", 1: "tokens"}})
    # One development window and the training framework's outputs on it: the C# tests check the ONNX head against them.
    x.numpy().astype("<f4").tofile(os.path.join(args.out, "parity-hidden.f32"))
    json.dump({"tokens": int(x.shape[1]), "start_logits": s[0].tolist(), "end_logits": e[0].tolist()},
              open(os.path.join(args.out, "parity.json"), "w"))
    manifest = {
        "head": "qa-span", "task": "qa", "backbone": "all-MiniLM-L6-v2 (frozen), max 256 word pieces, stride 128",
        "data": "../shared/data/squad/squad-v1.1-dev-part-a.json (SQuAD v1.1 dev, 36 articles)",
        "split": {"rule": "by article: every 6th article in file order is development", "development_articles": sorted(dev_titles),
                  "train_windows": len(train), "development_windows": len(dev)},
        "architecture": f"{args.layers} pre-norm self-attention block(s) (6 heads, ff 1024, dropout 0.1) + linear start/end",
        "hyperparameters": {"epochs": args.epochs, "batch": args.batch, "lr": args.lr, "optimizer": "AdamW wd 0.01, one-cycle", "seed": args.seed},
        "epochs_completed": len(curve),
        "training_seconds_this_run": round(seconds), "machine": machine(),
        "learning_curve": curve,
        "command": f"python3 training/qa/train_span_head.py --epochs {args.epochs} --layers {args.layers}",
    }
    write_manifest(args.out, manifest, stamp=None)


if __name__ == "__main__":
    main()
