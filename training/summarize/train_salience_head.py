#!/usr/bin/env python3
"""Trains the summarize salience head on cached sentence features of several sources (DumpFeatures.cs) and exports it to ONNX.

A small MLP over [sentence embedding; document-relative features] -> logit that the sentence is in the greedy ROUGE
oracle. Data: one feature folder per source under --features (BBC, CNN/DM, XSum, SciTLDR, AESLC, DialogSum, EuroParl
training parts from make_splits.py). Split by document: in every source, dump index % 5 == 4 is held out for model
selection; the development files of make_splits.py are never read here. The selected epoch and variant is the one
with the best score over ALL sources of a held-out ROUGE proxy (mean of ROUGE-1/2/L F1, unstemmed, of the top-k
sentences, k = the highlights length), never one source: by default (--select news+others) the mean of the news
sources' mean (BBC, CNN/DM, XSum) and the other sources' mean, so the three news sources the targets are on are not
outvoted by four non-news ones; --select mean is the plain mean over sources. The loop is training/common/trainer.py:
one run folder per variant in --work (checkpoint every epoch, so rerunning resumes; `touch <work>/<variant>/STOP` pauses).
Needs Debian's python3-torch and python3-onnx.

Usage (from the repository root):
  /usr/bin/python3 training/summarize/train_salience_head.py --features data/summarize-features-v4 --out models/heads/summarize-salience
"""
import argparse, collections, datetime, json, os, sys
import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from trainer import Loop, export_onnx, machine, replayed_permutation, write_manifest  # noqa: E402
from salience_data import EXTRAS, SOURCES, highlight_sentences, load_sources, rouge_proxy  # noqa: E402

NEWS = ("bbc", "cnndm", "xsum")

# One selection candidate: a trained variant or an --ensemble of them; the best score is exported.
Candidate = collections.namedtuple("Candidate", "score variant model curve best held train_docs seconds config")


class PriorHead(nn.Module):
    """The 0.2 head (BBC only, 396 inputs = the first 396 columns of today's rows), frozen: its logit can be one more input."""

    def __init__(self, path):
        super().__init__()
        import onnx
        from onnx import numpy_helper
        weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(path).graph.initializer}
        for name in ("mean", "std"):
            self.register_buffer(name, weights[name])
        self.hidden = nn.Linear(weights["net.1.weight"].shape[1], weights["net.1.weight"].shape[0])
        self.out = nn.Linear(weights["net.4.weight"].shape[1], 1)
        with torch.no_grad():
            self.hidden.weight.copy_(weights["net.1.weight"]); self.hidden.bias.copy_(weights["net.1.bias"])
            self.out.weight.copy_(weights["net.4.weight"]); self.out.bias.copy_(weights["net.4.bias"])
        for p in self.parameters():
            p.requires_grad_(False)
        self.width = self.mean.shape[0]

    def forward(self, features):
        x = (features[:, :self.width] - self.mean) / self.std
        return self.out(nn.functional.gelu(self.hidden(x)))


class SalienceHead(nn.Module):
    """Standardises the columns it reads with statistics fixed at training time (so the ONNX graph takes raw rows)."""

    def __init__(self, columns, mean, std, hidden, dropout, prior=None):
        super().__init__()
        self.prior = prior
        self.register_buffer("columns", torch.as_tensor(columns, dtype=torch.long))
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        width = len(columns) + (1 if prior is not None else 0)
        self.net = nn.Sequential(nn.Dropout(dropout / 2), nn.Linear(width, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, 1))
        # Platt scaling fitted after training (calibrate): the task's MMR weighs sigmoid(logit) against cosine redundancy,
        # so the probabilities must mean the same whatever the loss (a listwise loss leaves the logits' offset free).
        self.register_buffer("scale", torch.tensor(1.0))
        self.register_buffer("shift", torch.tensor(0.0))

    def inputs(self, features):
        x = torch.index_select(features, 1, self.columns)
        return x if self.prior is None else torch.cat([x, self.prior(features)], 1)

    def forward(self, features):
        return self.net((self.inputs(features) - self.mean) / self.std).squeeze(-1) * self.scale + self.shift


class Ensemble(nn.Module):
    """The mean of several trained heads' calibrated logits, recalibrated (one graph, one output): heads that read
    different inputs disagree in different places (the features-only head is best on BBC, the embedding head on the
    non-news sources), and the mean can keep more of each than either. Scored and selected like any variant."""

    def __init__(self, members):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.prior = next((m.prior for m in members if m.prior is not None), None)
        self.register_buffer("scale", torch.tensor(1.0))
        self.register_buffer("shift", torch.tensor(0.0))

    def forward(self, features):
        return torch.stack([m(features) for m in self.members]).mean(0) * self.scale + self.shift


def calibrate(model, rows, labels):
    """Fits scale and shift of the logits by logistic regression (plain BCE) on the training rows."""
    model.eval()
    with torch.no_grad():
        model.scale.fill_(1.0); model.shift.fill_(0.0)
        logits = model(torch.from_numpy(rows))
    a, b = torch.ones(1, requires_grad=True), torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([a, b], max_iter=100)
    target = torch.from_numpy(labels)

    def step():
        optimizer.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(logits * a + b, target)
        loss.backward()
        return loss

    optimizer.step(step)
    with torch.no_grad():
        model.scale.fill_(float(a)); model.shift.fill_(float(b))
    return round(float(a), 4), round(float(b), 4)


def evaluate(model, data, which):
    """Per source: mean ROUGE proxy of the model's top-k on held-out documents (k = highlights length)."""
    per_source = {}
    for d in which:
        doc = data["docs"][d]
        scores = model(torch.from_numpy(data["rows"][doc["start"]:doc["end"]])).numpy()
        k = highlight_sentences(len(scores))
        top = sorted(np.argsort(-scores, kind="stable")[:k])
        per_source.setdefault(doc["source"], []).append(rouge_proxy(doc, top))
    return {s: round(100 * float(np.mean(v)), 2) for s, v in per_source.items()}


def heldout_figures(model, data, held, rule):
    """One learning-curve row's figures: the selection score by `rule`, the plain mean, and every source's score."""
    heldout = evaluate(model, data, held)
    return {"heldout_mean": selection_score(heldout, rule), "heldout_mean_over_sources": selection_score(heldout, "mean"), "heldout": heldout}


def selection_score(heldout, rule):
    """The number a checkpoint is selected by: the mean over sources ("mean"), or the mean of the news sources' mean and
    the other sources' mean ("news+others": the targets and the unseen sources it will be judged on are news, but a
    head that only serves news is not the goal either). Never one source."""
    if rule == "mean":
        return round(float(np.mean(list(heldout.values()))), 2)
    news = [v for s, v in heldout.items() if s in NEWS]
    others = [v for s, v in heldout.items() if s not in NEWS]
    return round(float(np.mean([np.mean(g) for g in (news, others) if g])), 2)


def variant_name(args):
    return f"{args.inputs}-{args.loss}-{args.weighting}-h{args.hidden}-d{args.dropout}-{args.select}"


def row_weights(args, data, train_docs, train_rows):
    """Each source weighs the same in the loss ("source"), or each sentence does ("sentence"), or the news sources
    share half the loss and the others the other half ("news", the split of the "news+others" selection rule); sources
    differ 10x in size."""
    docs = data["docs"]
    counts = {s: sum(docs[i]["end"] - docs[i]["start"] for i in train_docs if docs[i]["source"] == s) for s in data["sources"]}
    weights = np.ones(len(data["rows"]), dtype=np.float32)
    groups = {s: [t for t in counts if (t in NEWS) == (s in NEWS)] for s in counts}
    for i in train_docs:
        s = docs[i]["source"]
        if args.weighting == "source":
            weights[docs[i]["start"]:docs[i]["end"]] = len(train_rows) / (len(counts) * counts[s])
        elif args.weighting == "news":
            share = 0.5 / len(groups[s]) if len(groups[s]) < len(counts) else 1 / len(counts)
            weights[docs[i]["start"]:docs[i]["end"]] = share * len(train_rows) / counts[s]
    return weights


def epoch_batches(items, size, seed, epoch):
    """The epoch's batches: the permutation this trainer has always drawn for the epoch, cut into runs of `size`."""
    order = replayed_permutation(items, seed, epoch)
    return [order[i:i + size] for i in range(0, len(order), size)]


def bce_step(model, optimizer, data, weights, positive):
    """Pointwise: weighted BCE of each sentence against its oracle label, positives up-weighted to the base rate."""
    loss_fn = nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor((1 - positive) / positive))

    def step(chunk, _):
        rows, labels = (torch.from_numpy(data[k][chunk]) for k in ("rows", "labels"))
        loss = (loss_fn(model(rows), labels) * torch.from_numpy(weights[chunk])).mean()
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        return loss
    return step


def list_step(model, optimizer, data, weights):
    """Listwise: softmax over each document's sentences against its oracle sentences (a ranking within the document,
    so a source's base rate of oracle sentences does not matter); a batch of documents without oracle sentences is skipped."""
    def step(chunk, _):
        losses = []
        for d in chunk:
            doc = data["docs"][d]
            target = data["labels"][doc["start"]:doc["end"]]
            if target.sum() == 0:
                continue
            logits = model(torch.from_numpy(data["rows"][doc["start"]:doc["end"]]))
            losses.append(-float(weights[doc["start"]]) * (torch.from_numpy(target / target.sum()) * torch.log_softmax(logits, 0)).sum())
        if not losses:
            return None
        loss = torch.stack(losses).mean()
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        return loss
    return step


def document_rows(docs, which):
    """The sentence rows of the documents indexed by `which`, in order."""
    return np.concatenate([np.arange(docs[i]["start"], docs[i]["end"]) for i in which])


def train(args, data):
    """One variant on training/common/trainer.py's Loop (one epoch = one pass, evaluated on the held-out documents;
    run folder <work>/<variant>/), then the best epoch's weights, calibrated; None when a STOP file paused it."""
    torch.manual_seed(args.seed)
    docs, rows, labels = data["docs"], data["rows"], data["labels"]
    held = [i for i, d in enumerate(docs) if d["index"] % 5 == 4]
    train_docs = [i for i, d in enumerate(docs) if d["index"] % 5 != 4]
    width = rows.shape[1]
    inputs, _, stacked = args.inputs.partition("+")
    columns = np.arange(width - len(EXTRAS), width) if inputs == "extras" else np.arange(width)
    train_rows = document_rows(docs, train_docs)
    prior = PriorHead(args.prior) if stacked == "prior" else None
    probe = SalienceHead(columns, np.zeros(len(columns) + (prior is not None)), np.ones(len(columns) + (prior is not None)), args.hidden, args.dropout, prior)
    with torch.no_grad():
        seen = probe.inputs(torch.from_numpy(rows[train_rows])).numpy()
    mean, std = seen.mean(0), seen.std(0) + 1e-4
    model = SalienceHead(columns, mean, std, args.hidden, args.dropout, prior)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    weights = row_weights(args, data, train_docs, train_rows)
    if args.loss == "bce":
        step = bce_step(model, optimizer, data, weights, labels[train_rows].mean())
        batches = lambda epoch: [np.sort(c) for c in epoch_batches(train_rows, args.batch, args.seed, epoch)]
    else:
        step = list_step(model, optimizer, data, weights)
        batches = lambda epoch: epoch_batches(np.array(train_docs), args.docs_per_batch, args.seed, epoch)
    loop = Loop(os.path.join(args.work, variant_name(args)), model, optimizer, select="heldout_mean", epochs=args.epochs, patience=args.patience)
    loop.fit(batches, step, lambda: heldout_figures(model, data, held, args.select))
    if loop.stopped:
        return None  # paused by a STOP file: the same command resumes
    model.load_state_dict(loop.best_weights())
    best = dict(loop.best, calibration=calibrate(model, rows[train_rows], labels[train_rows]))
    return model, loop.curve, best, held, train_docs, loop.seconds


def export(model, args, data, curve, best, held, train_docs, seconds, tried):
    model.eval()
    docs, rows = data["docs"], data["rows"]
    width = rows.shape[1]
    os.makedirs(args.out, exist_ok=True)
    d = next(i for i in held if docs[i]["end"] - docs[i]["start"] >= 5)
    sample = torch.from_numpy(rows[docs[d]["start"]:docs[d]["end"]].copy())
    logits = export_onnx(model, (sample,), args.out, ["features"], ["logits"], {"features": {0: "sentences"}, "logits": {0: "sentences"}})
    # One held-out document's rows and the training framework's logits: a C# test checks ONNX Runtime against them.
    sample.numpy().astype("<f4").tofile(os.path.join(args.out, "parity-features.f32"))
    json.dump({"rows": int(sample.shape[0]), "width": width, "logits": logits.tolist()}, open(os.path.join(args.out, "parity.json"), "w"))
    # Every dumped document's scores (training and held-out), for fit_length.py --scores; derived data, kept out of the repo.
    with torch.no_grad():
        scores = {f"{doc['source']}/{doc['index']}": model(torch.from_numpy(rows[doc["start"]:doc["end"]])).numpy() for doc in docs}
    os.makedirs(args.work, exist_ok=True)
    np.savez(os.path.join(args.work, "scores.npz"), **scores)
    by_source = {s: {"train_documents": sum(1 for i in train_docs if docs[i]["source"] == s),
                     "heldout_documents": sum(1 for i in held if docs[i]["source"] == s),
                     "train_sentences": sum(docs[i]["end"] - docs[i]["start"] for i in train_docs if docs[i]["source"] == s)}
                 for s in data["sources"]}
    manifest = {
        "head": "summarize-salience", "task": "summarize",
        "backbone": "all-MiniLM-L6-v2 (frozen): mean-pooled sentence embeddings, max 256 word pieces",
        "input": {"name": "features", "shape": ["sentences", width], "layout": f"embedding[{width - len(EXTRAS)}] then " + ", ".join(EXTRAS),
                  "reads": args.inputs + (" (the embedding columns are ignored but by the prior)" if args.inputs.startswith("extras") else ""),
                  "built_by": "plugins/Summarize/Scoring/SentenceFeatures.cs"},
        "output": {"name": "logits", "shape": ["sentences"], "meaning": "score that the sentence is in the greedy ROUGE-1+2 oracle"},
        "data": "training parts of data/summarize-splits (training/summarize/make_splits.py): " + ", ".join(data["sources"]),
        "labels": "greedy oracle against the document's first reference: add the sentence that most raises ROUGE-1 F1 + ROUGE-2 F1 (rouge-score semantics); stop when none does",
        "split": {"rule": "by document within each source: dump index % 5 == 4 held out for selection; the development files are not read",
                  "sources": by_source},
        "architecture": architecture(model, args),
        "hyperparameters": {"inputs": args.inputs, "loss": args.loss, "weighting": args.weighting, "epochs": args.epochs, "hidden": args.hidden,
                            "dropout": args.dropout, "batch": args.batch, "docs_per_batch": args.docs_per_batch, "lr": args.lr,
                            "optimizer": f"AdamW wd {args.weight_decay}", "seed": args.seed},
        "selected_epoch": best["epoch"], "calibration": {"scale": best["calibration"][0], "shift": best["calibration"][1], "fitted_on": "training rows, plain BCE"}, "selected_heldout": best["heldout"], "selected_heldout_mean": best["heldout_mean"],
        "selected_by": ("mean over sources" if args.select == "mean" else "mean of (mean over the news sources bbc, cnndm, xsum) and (mean over the other sources)")
                       + " of the held-out ROUGE proxy (mean of unstemmed ROUGE-1/2/L F1 of the top-k, k = highlights length)",
        "lead_heldout": lead_baseline(data, held),
        "epochs_completed": len(curve), "training_seconds": round(seconds),
        "machine": machine() + f", {torch.get_num_threads()} thread",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "size": f"head.onnx {os.path.getsize(os.path.join(args.out, 'head.onnx'))} bytes",
        "learning_curve": curve, "variants_tried": tried,
        "command": "/usr/bin/python3 training/summarize/make_splits.py && for s in " + " ".join(SOURCES)
                   + "; do dotnet run --file training/summarize/DumpFeatures.cs -- data/summarize-splits/$s-train.jsonl "
                   + f"{args.features}/$s; done && /usr/bin/python3 training/summarize/train_salience_head.py --features {args.features}"
                   + f" --variants {args.variants} --select {args.select} --epochs {args.epochs} --patience {args.patience}"
                   + (f" --ensemble '{args.ensemble}'" if args.ensemble else ""),
        "feature_dump": {"sentences": int(len(rows)), "documents": {s: sum(1 for d in docs if d["source"] == s) for s in data["sources"]},
                         "note": args.dump_note},
    }
    # Fields other tools keep in this manifest (the backbone precisions bench/precision-eval.sh checked) survive a retrain.
    write_manifest(args.out, manifest, stamp=None, keep=("backbonePrecisions", "backbonePrecisionsChecked"))


def architecture(model, args):
    if isinstance(model, Ensemble):
        return "mean of the calibrated logits of " + "; ".join(f"({architecture(m, args)}, scale {float(m.scale):.4f} shift {float(m.shift):.4f})" for m in model.members) + ", then scale and shift"
    return (f"select columns{' + the frozen 0.2 head logit over columns 0..395' if model.prior is not None else ''}, standardise (train mean/std, baked in)"
            f" -> Dropout({args.dropout / 2}) -> Linear({len(model.mean)},{args.hidden}) GELU Dropout({args.dropout}) -> Linear({args.hidden},1)")


def ensemble_candidate(names, results, data):
    """The --ensemble candidate built from the named variants' selected (calibrated) heads, scored on the same held-out
    documents and calibrated on the same training rows."""
    chosen = [r for r in results if r.variant in names]
    if len(chosen) != len(names):
        raise SystemExit(f"--ensemble names variants that were not trained: {sorted(set(names) - {r.variant for r in chosen})}")
    model = Ensemble([r.model for r in chosen])
    model.eval()
    held, train_docs, first = chosen[0].held, chosen[0].train_docs, chosen[0].config
    train_rows = document_rows(data["docs"], train_docs)
    calibration = calibrate(model, data["rows"][train_rows], data["labels"][train_rows])
    with torch.no_grad():
        figures = heldout_figures(model, data, held, first["select"])
    best = dict(figures, epoch=None, calibration=calibration)
    config = dict(first, inputs="ensemble(" + "+".join(names) + ")", loss="-", weighting="-")
    return Candidate(figures["heldout_mean"], "ensemble:" + "+".join(names), model, [], best, held, train_docs, sum(r.seconds for r in chosen), config)


def lead_baseline(data, held):
    per_source = {}
    for d in held:
        doc = data["docs"][d]
        k = highlight_sentences(doc["end"] - doc["start"])
        per_source.setdefault(doc["source"], []).append(rouge_proxy(doc, list(range(k))))
    return {s: round(100 * float(np.mean(v)), 2) for s, v in per_source.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="data/summarize-features-v4")
    parser.add_argument("--out", default="models/heads/summarize-salience")
    parser.add_argument("--work", default="data/summarize-train-v4")
    parser.add_argument("--variants", default="extras:bce:source,extras:list:source,all:bce:source,all:list:source,extras+prior:list:source,all+prior:bce:source",
                        help="inputs:loss:weighting, comma-separated; the one with the best held-out mean is exported")
    parser.add_argument("--prior", default="data/summarize-prior/bbc-head-0.2.onnx",
                        help="the 0.2 head (git show 98c7e98:models/heads/summarize-salience/head.onnx), for variants 'extras+prior' and 'all+prior'")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--dropout", type=float, default=0.4)
    parser.add_argument("--weight-decay", type=float, default=0.05)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--docs-per-batch", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--select", default="news+others", choices=["mean", "news+others"],
                        help="selection rule over the held-out sources (selection_score)")
    parser.add_argument("--ensemble", default="", help="candidates that average trained variants: variants joined by '&', candidates by ';' (e.g. 'extras+prior:bce:news&all+prior:bce:news')")
    parser.add_argument("--patience", type=int, default=0, help="stop a variant after this many epochs without a better selection score (0: never)")
    parser.add_argument("--dump-note", default="", help="when and how fast the feature dump ran, for the manifest")
    args = parser.parse_args()
    # One thread: the VM has 2 cores and another session's trainer holds one of them.
    torch.set_num_threads(1)
    data = load_sources(args.features)
    lead = lead_baseline(data, [i for i, d in enumerate(data["docs"]) if d["index"] % 5 == 4])
    print("lead", json.dumps(lead), "selection score", selection_score(lead, args.select), flush=True)
    results = []
    for variant in args.variants.split(","):
        args.inputs, args.loss, args.weighting = variant.split(":")
        trained = train(args, data)
        if trained is None:
            print(f"{variant}: paused by a STOP file; the same command resumes", flush=True)
            return
        model, curve, best, held, train_docs, seconds = trained
        results.append(Candidate(best["heldout_mean"], variant, model, curve, best, held, train_docs, seconds, dict(vars(args))))
    for group in filter(None, args.ensemble.split(";")):
        results.append(ensemble_candidate(group.split("&"), results, data))
        print(f"{results[-1].variant}: held-out {json.dumps(results[-1].best['heldout'])} selection score {results[-1].score}", flush=True)
    tried = [{"variant": r.variant, "dropout": r.config["dropout"], "hidden": r.config["hidden"], "best_epoch": r.best["epoch"], "heldout_mean": r.score,
              "heldout": r.best["heldout"], "curve": [c["heldout_mean"] for c in r.curve]} for r in results]
    score, variant, model, curve, best, held, train_docs, seconds, chosen = max(results, key=lambda r: r.score)
    args.__dict__.update(chosen)
    print("selected", variant, score, flush=True)
    export(model, args, data, curve, best, held, train_docs, seconds, tried)


if __name__ == "__main__":
    main()
