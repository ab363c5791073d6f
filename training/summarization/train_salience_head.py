#!/usr/bin/env python3
"""Trains the summarize salience head on cached sentence features (DumpFeatures.cs) and exports it to ONNX.

A small MLP over [sentence embedding; LexRank; position; title and centroid similarity; length] -> logit that the
sentence is in the greedy ROUGE oracle. Split by document: every 10th training document (index % 10 == 9) is held out
for model selection (the epoch with the best held-out precision@3 is exported); the valid CSV stays untouched for the
reported ROUGE table. Checkpoints every epoch in --work, so rerunning the command resumes. Needs Debian's
python3-torch and python3-onnx (and libopenblas0-pthread for speed).

Usage (from the repository root):
  python3 training/summarization/train_salience_head.py --features data/summarize-features --out models/heads/summarize-salience
"""
import argparse, json, os, time
import numpy as np
import torch
from torch import nn

EXTRAS = ["lexrank", "relative_position", "inverse_position", "is_first", "paragraph_position", "first_in_paragraph",
          "title_similarity", "has_title", "centroid_similarity", "words_over_40", "sentences_over_50", "textrank"]


class SalienceHead(nn.Module):
    """Standardises its input with statistics fixed at training time (so the ONNX graph takes raw features)."""

    def __init__(self, width, mean, std, hidden, dropout):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        # Input dropout too: 22k sentences are few for 395 inputs, and the held-out score peaks early without it.
        self.net = nn.Sequential(nn.Dropout(dropout / 2), nn.Linear(width, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, 1))

    def forward(self, features):
        return self.net((features - self.mean) / self.std).squeeze(-1)


def load(features):
    docs = [json.loads(l) for l in open(os.path.join(features, "documents.jsonl"))]
    width = next(d["width"] for d in docs if d["rows"])
    rows = np.fromfile(os.path.join(features, "features.f32"), dtype="<f4").reshape(-1, width)
    starts = np.cumsum([0] + [d["rows"] for d in docs])
    return docs, rows, starts, width


def precision_at_3(model, docs, rows, starts, which):
    """Held-out proxy for ROUGE: share of each document's top-3 sentences that are oracle sentences, and their soft label."""
    model.eval()
    hits = soft = n = 0
    with torch.no_grad():
        for d in which:
            if docs[d]["rows"] == 0:
                continue
            scores = model(torch.from_numpy(rows[starts[d]:starts[d + 1]])).numpy()
            top = np.argsort(-scores, kind="stable")[:3]
            hits += np.mean([docs[d]["labels"][i] for i in top])
            soft += np.mean([docs[d]["soft"][i] for i in top])
            n += 1
    model.train()
    return 100 * hits / n, 100 * soft / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="data/summarize-features")
    parser.add_argument("--out", default="models/heads/summarize-salience")
    parser.add_argument("--work", default="data/summarize-train")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--dropout", type=float, default=0.4)
    parser.add_argument("--weight-decay", type=float, default=0.05)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    docs, rows, starts, width = load(args.features)
    held = [d for d in range(len(docs)) if docs[d]["index"] % 10 == 9]
    train = [d for d in range(len(docs)) if docs[d]["index"] % 10 != 9]
    train_rows = np.concatenate([np.arange(starts[d], starts[d + 1]) for d in train])
    labels = np.concatenate([np.asarray(d["labels"], dtype=np.float32) for d in docs])
    mean, std = rows[train_rows].mean(0), rows[train_rows].std(0) + 1e-4
    model = SalienceHead(width, mean, std, args.hidden, args.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    positive = labels[train_rows].mean()
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor((1 - positive) / positive))
    os.makedirs(args.work, exist_ok=True)
    checkpoint = os.path.join(args.work, f"checkpoint-h{args.hidden}-d{args.dropout}.pt")
    curve, best, first_epoch, started, earlier_seconds = [], None, 0, time.time(), 0.0
    if os.path.exists(checkpoint):
        saved = torch.load(checkpoint)
        model.load_state_dict(saved["model"]); optimizer.load_state_dict(saved["optimizer"])
        curve, best, first_epoch = saved["curve"], saved["best"], saved["epoch"] + 1
        earlier_seconds = saved.get("seconds", 0.0)
        rng = np.random.default_rng(args.seed + first_epoch)
    for epoch in range(first_epoch, args.epochs):
        total = 0.0
        order = rng.permutation(train_rows)
        for i in range(0, len(order), args.batch):
            chunk = np.sort(order[i:i + args.batch])
            logits = model(torch.from_numpy(rows[chunk]))
            loss = loss_fn(logits, torch.from_numpy(labels[chunk]))
            optimizer.zero_grad(); loss.backward(); optimizer.step()
            total += float(loss) * len(chunk)
        p3, soft3 = precision_at_3(model, docs, rows, starts, held)
        curve.append({"epoch": epoch + 1, "train_loss": round(total / len(train_rows), 5), "heldout_precision_at_3": round(p3, 2), "heldout_soft_at_3": round(soft3, 2)})
        print(json.dumps(curve[-1]), flush=True)
        if best is None or p3 > best["heldout_precision_at_3"]:
            best = dict(curve[-1], state={k: v.clone() for k, v in model.state_dict().items()})
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "curve": curve, "best": best, "epoch": epoch,
                    "seconds": earlier_seconds + time.time() - started}, checkpoint)
    model.load_state_dict(best["state"])
    export(model, args, docs, rows, starts, held, train, width, curve, best, earlier_seconds + time.time() - started)


def export(model, args, docs, rows, starts, held, train, width, curve, best, seconds):
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    d = next(d for d in held if docs[d]["rows"] >= 5)
    sample = torch.from_numpy(rows[starts[d]:starts[d + 1]].copy())
    torch.onnx.export(model, (sample,), os.path.join(args.out, "head.onnx"), opset_version=14,
                      input_names=["features"], output_names=["logits"],
                      dynamic_axes={"features": {0: "sentences"}, "logits": {0: "sentences"}})
    with torch.no_grad():
        logits = model(sample)
    # One held-out document's rows and the training framework's logits: a C# test checks ONNX Runtime against them.
    sample.numpy().astype("<f4").tofile(os.path.join(args.out, "parity-features.f32"))
    json.dump({"rows": int(sample.shape[0]), "width": width, "logits": logits.tolist()}, open(os.path.join(args.out, "parity.json"), "w"))
    held_rows = sum(docs[i]["rows"] for i in held)
    manifest = {
        "head": "summarize-salience", "task": "summarize",
        "backbone": "all-MiniLM-L6-v2 (frozen): mean-pooled sentence embeddings, max 256 word pieces",
        "input": {"name": "features", "shape": ["sentences", width], "layout": f"embedding[{width - len(EXTRAS)}] then " + ", ".join(EXTRAS),
                  "built_by": "plugins/Summarization/Scoring/SentenceFeatures.cs"},
        "output": {"name": "logits", "shape": ["sentences"], "meaning": "logit that the sentence is in the greedy ROUGE-1+2 oracle"},
        "data": "../shared/data/summarization/bbc_news_summary_train.csv (BBC News Summary, 1,335 articles)",
        "labels": "greedy oracle: add the sentence that most raises ROUGE-1 F1 + ROUGE-2 F1 (rouge-score semantics) against the reference; stop when none does",
        "split": {"rule": "by document: data row index % 10 == 9 is held out for model selection; bbc_news_summary_valid.csv is not used",
                  "train_documents": len(train), "heldout_documents": len(held),
                  "train_sentences": sum(docs[i]["rows"] for i in train), "heldout_sentences": held_rows},
        "architecture": f"standardise (train mean/std, baked in) -> Dropout({args.dropout / 2}) -> Linear({width},{args.hidden}) GELU Dropout({args.dropout}) -> Linear({args.hidden},1)",
        "hyperparameters": {"epochs": args.epochs, "hidden": args.hidden, "dropout": args.dropout, "batch": args.batch, "lr": args.lr,
                            "optimizer": f"AdamW wd {args.weight_decay}",
                            "loss": "BCE with logits, positive weight = negatives/positives", "seed": args.seed},
        "selected_epoch": best["epoch"], "selected_by": "held-out precision@3 (share of the top-3 sentences that are oracle sentences)",
        "epochs_completed": len(curve), "training_seconds": round(seconds),
        "machine": "2-core AMD EPYC VM, CPU, torch " + torch.__version__, "learning_curve": curve,
        "command": f"dotnet run --file training/summarization/DumpFeatures.cs -- ../shared/data/summarization/bbc_news_summary_train.csv {args.features} && "
                   f"python3 training/summarization/train_salience_head.py --features {args.features} --work {args.work} --epochs {args.epochs} "
                   f"--hidden {args.hidden} --dropout {args.dropout}",
    }
    json.dump(manifest, open(os.path.join(args.out, "manifest.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
