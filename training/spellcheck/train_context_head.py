#!/usr/bin/env python3
"""Trains the spellcheck context head on rows dumped by DumpExamples.cs and exports it to ONNX.

Each questioned word has up to 8 candidate rows [hidden state of the word in its sentence; the candidate's own
embedding; 10 noisy-channel features (plugins/Spellcheck/Context/ContextFeatures.cs)]. The head maps a row to a logit;
training minimises the cross-entropy of the softmax over a word's rows against the intended word (words whose
intended word is not among the rows are left out). Model selection on the dev split of the dump (by sentence, not
used for training): the epoch with the best dev accuracy over both kinds is exported. The loop is training/common/trainer.py:
checkpoints every epoch in --work/p<projection>-w<width>/, so rerunning the command resumes. Needs Debian's python3-torch and python3-onnx.

Usage (from the repository root):
  dotnet run --file training/spellcheck/DumpExamples.cs -- data/spelling-context 40000 4000 ../shared/data/spelling/big.txt \
      ../shared/data/translation/en-es.tsv ../shared/data/translation/en-fr.tsv
  python3 training/spellcheck/train_context_head.py --data data/spelling-context --out models/heads/spellcheck-context
"""
import argparse, glob, json, os, sys
import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from trainer import Loop, export_onnx, write_manifest  # noqa: E402

FEATURES = ["score_gap", "log_probability", "edit_cost", "sound_alike", "left_association", "right_association",
            "is_typed", "is_split", "confusable", "has_context"]
K = 8
# The dump behind the committed head (training/spellcheck/DumpExamples.cs arguments after the output folder).
DUMP_ARGS = "40000 4000 ../shared/data/spelling/big.txt ../shared/data/translation/en-es.tsv ../shared/data/translation/en-fr.tsv"


class ContextHead(nn.Module):
    """Projects the word's state and the candidate's embedding, crosses them, and adds the standardised features."""

    def __init__(self, hidden, mean, std, projection, width, dropout):
        super().__init__()
        self.hidden = hidden
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        self.context = nn.Linear(hidden, projection)
        self.candidate = nn.Linear(hidden, projection)
        self.net = nn.Sequential(nn.Linear(3 * projection + len(FEATURES), width), nn.GELU(), nn.Dropout(dropout), nn.Linear(width, 1))

    def forward(self, rows):
        h = self.hidden
        u = self.context(rows[:, :h])
        v = self.candidate(rows[:, h:2 * h])
        f = (rows[:, 2 * h:] - self.mean) / self.std
        return self.net(torch.cat([u * v, u, v, f], dim=1)).squeeze(-1)


def load(data):
    words = open(os.path.join(data, "words.txt")).read().split("\n")
    words = [w for w in words if w]
    index = {w: i for i, w in enumerate(words)}
    vectors = np.fromfile(os.path.join(data, "words.f32"), dtype="<f4").reshape(len(words), -1)
    hidden = vectors.shape[1]
    items, contexts, features = [], [], []
    for part in sorted(glob.glob(os.path.join(data, "*.items.jsonl"))):
        stem = part[:-len(".items.jsonl")]
        lines = [json.loads(l) for l in open(part)]
        items += lines
        contexts.append(np.fromfile(stem + ".contexts.f32", dtype="<f4").reshape(len(lines), hidden))
        features.append(np.fromfile(stem + ".features.f32", dtype="<f4").reshape(-1, len(FEATURES)))
    widest = max(len(it["candidates"]) for it in items)
    assert widest <= K, f"a questioned word has {widest} candidates; raise K (and ContextCandidates) together"
    contexts = np.concatenate(contexts)
    features = np.concatenate(features)
    n = len(items)
    cand = np.full((n, K), -1, dtype=np.int64)
    feat = np.zeros((n, K, len(FEATURES)), dtype=np.float32)
    row = 0
    for i, it in enumerate(items):
        c = len(it["candidates"])
        cand[i, :c] = [index[w] for w in it["candidates"]]
        feat[i, :c] = features[row:row + c]
        row += c
    assert row == len(features), (row, len(features))
    meta = {k: np.array([it[k] for it in items]) for k in ("split", "kind", "label", "typed", "changed", "context")}
    return words, vectors, contexts, cand, feat, meta, hidden


def batch_rows(idx, vectors, contexts, cand, feat):
    """Rows [B*K, 2H+F] (padding rows zero) and the mask [B, K]."""
    c = cand[idx]
    mask = c >= 0
    emb = vectors[np.where(mask, c, 0)] * mask[..., None]
    ctx = np.broadcast_to(contexts[idx][:, None, :], emb.shape)
    rows = np.concatenate([ctx, emb, feat[idx]], axis=2).astype(np.float32)
    return torch.from_numpy(rows.reshape(-1, rows.shape[2])), torch.from_numpy(mask)


def predict(model, idx, vectors, contexts, cand, feat):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(idx), 2048):
            rows, mask = batch_rows(idx[i:i + 2048], vectors, contexts, cand, feat)
            logits = model(rows).view(mask.shape).masked_fill(~mask, -1e9)
            out.append(torch.softmax(logits, dim=1).numpy())
    model.train()
    return np.concatenate(out) if out else np.zeros((0, K))


def report(probs, meta, idx, thresholds=(0.5, 0.7, 0.8, 0.9, 0.95, 0.98)):
    """Dev figures: unknown-word accuracy (head vs the noisy channel's first), and for confusable words the share of
    swapped words restored and of untouched words changed, at each threshold."""
    label, kind, typed, changed = (meta[k][idx] for k in ("label", "kind", "typed", "changed"))
    best = probs.argmax(1)
    unknown = (kind == "Unknown") & (label >= 0)
    out = {"unknown_words": int(unknown.sum()),
           "unknown_accuracy": round(100 * float((best[unknown] == label[unknown]).mean()), 2),
           "unknown_noisy_channel_accuracy": round(100 * float((label[unknown] == 0).mean()), 2)}
    conf = kind == "Confusable"
    swapped, clean = conf & changed, conf & ~changed
    out["confusable_swapped"], out["confusable_untouched"] = int(swapped.sum()), int(clean.sum())
    top = probs.max(1)
    for t in thresholds:
        change = (best != typed) & (top >= t)
        out[f"t{t}"] = {"restored": round(100 * float((change[swapped] & (best[swapped] == label[swapped])).mean()), 2),
                        "false_alarms": round(100 * float(change[clean].mean()), 3)}
    out["selection"] = round((float((best[unknown] == label[unknown]).mean()) + float((best[conf] == label[conf]).mean())) * 50, 3)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/spelling-context")
    parser.add_argument("--out", default="models/heads/spellcheck-context")
    parser.add_argument("--work", default="data/spelling-context-train")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--projection", type=int, default=128)
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    words, vectors, contexts, cand, feat, meta, hidden = load(args.data)
    usable = meta["label"] >= 0
    train = np.where((meta["split"] == "train") & usable)[0]
    dev = np.where(meta["split"] == "dev")[0]
    dev_usable = dev[usable[dev]]
    valid = cand[train] >= 0
    mean, std = feat[train][valid].mean(0), feat[train][valid].std(0) + 1e-4
    model = ContextHead(hidden, mean, std, args.projection, args.width, args.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    loop = Loop(os.path.join(args.work, f"p{args.projection}-w{args.width}"), model, optimizer, select="selection", epochs=args.epochs)
    print(f"{len(train)} training words, {len(dev_usable)} dev words, {len(words)} candidate words", flush=True)

    def batches(epoch):
        order = np.random.default_rng(args.seed * 1000 + epoch).permutation(train)
        return [order[i:i + args.batch] for i in range(0, len(order), args.batch)]

    def step(idx, _):
        rows, mask = batch_rows(idx, vectors, contexts, cand, feat)
        logits = model(rows).view(mask.shape).masked_fill(~mask, -1e9)
        loss = nn.functional.cross_entropy(logits, torch.from_numpy(meta["label"][idx]))
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        return loss

    curve = loop.fit(batches, step, lambda: report(predict(model, dev_usable, vectors, contexts, cand, feat), meta, dev_usable))
    if loop.stopped:
        return  # paused by a STOP file: the same command resumes, and exports when the epochs are done
    model.load_state_dict(loop.best_weights())
    export(model, args, hidden, vectors, contexts, cand, feat, meta, train, dev_usable, curve, loop.best, loop.seconds)


def export(model, args, hidden, vectors, contexts, cand, feat, meta, train, dev, curve, best, seconds):
    rows, mask = batch_rows(dev[:4], vectors, contexts, cand, feat)
    sample = rows[mask.reshape(-1)].contiguous()
    logits = export_onnx(model, (sample,), args.out, ["rows"], ["logits"], {"rows": {0: "rows"}, "logits": {0: "rows"}})
    # A few dev rows and the training framework's logits: a C# test checks ONNX Runtime against them.
    sample.numpy().astype("<f4").tofile(os.path.join(args.out, "parity-rows.f32"))
    json.dump({"rows": int(sample.shape[0]), "width": int(sample.shape[1]), "logits": logits.tolist()}, open(os.path.join(args.out, "parity.json"), "w"))
    kinds = lambda idx: {k: int((meta["kind"][idx] == k).sum()) for k in ("Unknown", "Confusable")}
    manifest = {
        "head": "spellcheck-context", "task": "spellcheck",
        "backbone": "all-MiniLM-L6-v2 (frozen): last hidden state of the questioned word (mean of its pieces) in a window of its sentence; candidates embedded alone (mean pooled)",
        "input": {"name": "rows", "shape": ["rows", int(sample.shape[1])],
                  "layout": f"word state[{hidden}], candidate embedding[{hidden}], then " + ", ".join(FEATURES),
                  "built_by": "plugins/Spellcheck/Context/ContextRowBuilder.cs and ContextFeatures.cs"},
        "output": {"name": "logits", "shape": ["rows"], "meaning": "softmax over one questioned word's rows = probability that each candidate is the intended word"},
        "data": "sentences of 6-40 words from ../shared/data/spelling/big.txt (Norvig; public-domain books) and the English side of ../shared/data/translation/en-es.tsv and en-fr.tsv (Tatoeba, CC-BY 2.0 FR), given synthetic misspellings and confusion-set swaps by training/spellcheck/DumpExamples.cs",
        "split": {"rule": "by sentence: FNV-1a(sentence) % 10 == 0 is dev (model selection and the figures below)",
                  "train_words": len(train), "train_kinds": kinds(train), "dev_words": len(dev), "dev_kinds": kinds(dev)},
        "architecture": f"standardise features (train mean/std, baked in); u = Linear({hidden},{args.projection})(state), v = Linear({hidden},{args.projection})(candidate); "
                        f"Linear({3 * args.projection}+{len(FEATURES)},{args.width}) GELU Dropout({args.dropout}) Linear({args.width},1) over [u*v, u, v, features]",
        "hyperparameters": {"epochs": args.epochs, "projection": args.projection, "width": args.width, "dropout": args.dropout,
                            "batch": args.batch, "lr": args.lr, "optimizer": "AdamW wd 0.01", "loss": "softmax cross-entropy over a word's candidates", "seed": args.seed},
        "selected_epoch": best["epoch"], "selected_by": "dev accuracy, mean of unknown-word and confusable-word accuracy",
        "selected_dev_figures": {k: v for k, v in best.items() if k not in ("step", "epoch", "train_loss", "minutes")},
        "epochs_completed": len(curve), "training_seconds": round(seconds),
        "learning_curve": curve,
        "command": f"dotnet run --file training/spellcheck/DumpExamples.cs -- {args.data} {DUMP_ARGS} && "
                   f"/usr/bin/python3 training/spellcheck/train_context_head.py --data {args.data} --work {args.work} --epochs {args.epochs} "
                   f"--projection {args.projection} --width {args.width} --dropout {args.dropout}",
    }
    write_manifest(args.out, manifest)
    print(f"exported epoch {best['epoch']} to {args.out}")


if __name__ == "__main__":
    main()
