#!/usr/bin/env python3
"""Fine-tunes the QA branch over the shared trunk and exports it to ONNX.

The branch is a copy of the backbone's own top layers (k+1 .. 6), initialised from the backbone's weights, plus a
start/end output layer; the trunk (embeddings + layers 1..k) stays frozen, exactly the layers the host computes once
per text. Windows come from `DumpFeatures.cs --ids-only` (built by the plugin's own QaWindow code, so ids, segment ids
and labels are those the task sees); a window without the answer is trained toward the [CLS] position (0) as Hugging
Face's run_qa does.

The loop is training/common/trainer.py's: every --checkpoint-every steps it writes <run>/checkpoint.pt (branch,
optimizer, step, data position, curve) and rerunning the same command continues from it, in this session or a later
one (CPU or GPU); `touch <run>/STOP` checkpoints and exits. Development figures (SQuAD EM/F1 on a fixed subset of the
development articles, decoded from logits to text like the plugin) are evaluated every --eval-every steps;
<run>/best.pt keeps the branch weights of the best development F1.

  # windows (C# builds them; once)
  for f in ../shared/data/qa/*.json; do dotnet run --file training/qa/DumpFeatures.cs -- $f data/qa-ids/$(basename $f .json) --ids-only; done
  dotnet run --file training/qa/DumpFeatures.cs -- ../shared/data/squad/squad-v1.1-dev-part-a.json data/qa-ids/dev --ids-only --spans
  # train (resumes when <run>/checkpoint.pt exists)
  nice -n 19 /usr/bin/python3 training/qa/train_branch.py train --run data/qa-branch --k 3
  # export the best checkpoint
  /usr/bin/python3 training/qa/train_branch.py export --run data/qa-branch --out models/heads/qa-branch
"""
import argparse, collections, copy, json, os, re, string, sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
import backbone as backbone_module  # noqa: E402
from trainer import Loop, export_onnx, write_manifest  # noqa: E402

TRAIN_SOURCES = ["squad-v1.1-train", "qed-naturalquestions", "policyqa", "bipar-en", "covid-qa"]
HELD_OUT_SOURCES = ["subjqa", "friendsqa", "bioasq-factoid-snippets", "mrqa-ood-duorc-race-re"]
DEV = "../shared/data/squad/squad-v1.1-dev-part-a.json"


class Branch(nn.Module):
    """Top layers k+1..L of the backbone (copies) + start/end logits. Input: the trunk's hidden states after layer k."""

    def __init__(self, backbone, k):
        super().__init__()
        self.k = k
        self.layers = nn.ModuleList(copy.deepcopy(layer) for layer in backbone.layers[k:])
        hidden = backbone.word.weight.shape[1]
        self.logits = nn.Linear(hidden, 2)
        nn.init.normal_(self.logits.weight, std=0.02)
        nn.init.zeros_(self.logits.bias)
        self.requires_grad_(True)

    def forward(self, hidden_states, attention_mask):
        bias = (1.0 - attention_mask[:, None, None, :].to(hidden_states.dtype)) * -10000.0
        x = hidden_states
        for layer in self.layers:
            x = layer(x, bias)
        logits = self.logits(x).masked_fill((attention_mask == 0)[:, :, None], -10000.0)
        return logits[..., 0], logits[..., 1]


def read_windows(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def pad(rows):
    width = max(r["tokens"] for r in rows)
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    types, mask = torch.zeros_like(ids), torch.zeros_like(ids)
    for i, r in enumerate(rows):
        n = r["tokens"]
        ids[i, :n], types[i, :n], mask[i, :n] = torch.tensor(r["ids"]), torch.tensor(r["types"]), 1
    return ids, types, mask


def training_windows(ids_dir, sources, negatives_per_question, seed):
    """Every answer-holding window of the training sources, plus at most `negatives_per_question` windows without it
    per question (long contexts such as COVID-QA's papers would otherwise be almost all negatives)."""
    rng = np.random.default_rng(seed)
    kept, counts = [], {}
    for source in sources:
        rows = read_windows(os.path.join(ids_dir, source, "windows.jsonl"))
        by_question = collections.defaultdict(list)
        for r in rows:
            by_question[r["id"]].append(r)
        pos = neg = 0
        for windows in by_question.values():
            positives = [w for w in windows if w["start"] > 0]
            negatives = [w for w in windows if w["start"] == 0]
            if not positives:
                continue  # answer not found in any window (offset off); nothing to learn from
            chosen = [negatives[i] for i in rng.permutation(len(negatives))[:negatives_per_question]]
            for w in positives + chosen:
                kept.append({"ids": w["ids"], "types": w["types"], "tokens": w["tokens"], "start": w["start"], "end": w["end"]})
            pos, neg = pos + len(positives), neg + len(chosen)
        counts[source] = {"questions": len(by_question), "positive_windows": pos, "negative_windows": neg}
    return kept, counts


def epoch_batches(n_rows, lengths, tokens_per_batch, max_batch, seed, epoch):
    """Length-sorted dynamic padding: shuffle, sort chunks of 100 batches by length, cut by a token budget, shuffle
    the batches. Deterministic in (seed, epoch), so a resumed run replays the same order and skips what it did."""
    rng = np.random.default_rng(seed * 1000 + epoch)
    order = rng.permutation(n_rows)
    batches = []
    chunk = max_batch * 100
    for c in range(0, n_rows, chunk):
        part = sorted(order[c:c + chunk], key=lambda i: lengths[i])
        batch, width = [], 0
        for i in part:
            w = max(width, lengths[i])
            if batch and (w * (len(batch) + 1) > tokens_per_batch or len(batch) >= max_batch):
                batches.append(batch)
                batch, w = [], lengths[i]
            batch.append(int(i))
            width = w
        if batch:
            batches.append(batch)
    return [batches[i] for i in rng.permutation(len(batches))]


# --- SQuAD v1.1 official metric -------------------------------------------------------------------------------
def normalize(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def f1_score(prediction, truth):
    p, t = normalize(prediction).split(), normalize(truth).split()
    common = collections.Counter(p) & collections.Counter(t)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(t)
    return 2 * precision * recall / (precision + recall)


def squad_answers(path):
    data = json.load(open(path))["data"]
    contexts, answers, articles = {}, {}, {}
    for a, article in enumerate(data):
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                contexts[qa["id"]] = paragraph["context"]
                answers[qa["id"]] = [x["text"] for x in qa["answers"]]
                articles[qa["id"]] = a
    return contexts, answers, articles


class Trunk:
    """The frozen backbone up to layer k (no gradients)."""

    def __init__(self, backbone, k):
        self.backbone, self.k = backbone, k

    @torch.no_grad()
    def __call__(self, ids, types, mask):
        device = self.backbone.word.weight.device
        return self.backbone(ids.to(device), mask.to(device), types.to(device), upto=self.k)


@torch.no_grad()
def evaluate(branch, trunk, windows, contexts, answers, max_answer=30, batch=48):
    """Best span per question over its windows (start/end inside the context, end >= start, < max_answer pieces,
    score = start logit + end logit), mapped to text through the pieces' character spans; SQuAD EM/F1 in %."""
    branch.eval()
    best = {}
    order = sorted(range(len(windows)), key=lambda i: windows[i]["tokens"])
    for b in range(0, len(order), batch):
        rows = [windows[i] for i in order[b:b + batch]]
        ids, types, mask = pad(rows)
        s, e = branch(trunk(ids, types, mask), mask.to(trunk.backbone.word.weight.device))
        s, e = s.cpu(), e.cpu()
        for r, row in enumerate(rows):
            off, spans = row["offset"], row["spans"]
            n = len(spans) // 2
            sl, el = s[r, off:off + n], e[r, off:off + n]
            scores = sl[:, None] + el[None, :]
            valid = torch.triu(torch.ones(n, n, dtype=torch.bool)) & ~torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=max_answer)
            scores = scores.masked_fill(~valid, -1e9)
            flat = int(scores.argmax())
            i, j = divmod(flat, n)
            score = float(scores[i, j])
            if row["id"] not in best or best[row["id"]][0] < score:
                best[row["id"]] = (score, spans[2 * i], spans[2 * j] + spans[2 * j + 1])
    branch.train()
    em = f1 = 0.0
    for qid, (_, start, end) in best.items():
        text = contexts[qid][start:end]
        em += max(float(normalize(text) == normalize(t)) for t in answers[qid])
        f1 += max(f1_score(text, t) for t in answers[qid])
    return 100 * em / len(best), 100 * f1 / len(best), len(best)


def learning_rate(step, peak, warmup, total, restart=0, rewarmup=0):
    """Linear warm-up then linear decay; a run restarted from an exported head (`restart` > 0, fresh AdamW moments)
    warms up again over `rewarmup` steps so the first updates without second moments do not jolt the weights."""
    if step < warmup:
        return peak * (step + 1) / warmup
    rate = peak * max(0.0, (total - step) / max(1, total - warmup))
    if restart and step < restart + rewarmup:
        rate *= (step - restart + 1) / rewarmup
    return rate


def load_exported_head(branch, head_dir):
    """Branch weights from an exported head.onnx (the checkpoint that made it may be gone: it lives on one machine).
    The names come back through training/common/onnx_weights.py; the result is checked against the head's own parity
    sample (logits from the layer-k states), so a wrong mapping fails here."""
    import onnx
    from onnx_weights import onnx_weights
    wanted = branch.state_dict()
    found = onnx_weights(onnx.load(os.path.join(head_dir, "head.onnx")).graph, wanted)
    missing = [k for k in wanted if k not in found or found[k].shape != tuple(wanted[k].shape)]
    if missing:
        raise SystemExit(f"{head_dir}: cannot map head.onnx onto the branch: {missing[:6]}")
    state = {k: torch.from_numpy(np.ascontiguousarray(found[k])) for k in wanted}
    branch.load_state_dict(state, strict=True)
    parity = json.load(open(os.path.join(head_dir, "parity.json")))
    blob, offset, worst = np.fromfile(os.path.join(head_dir, "parity.f32"), dtype=np.float32), 0, 0.0
    with torch.no_grad():
        for sample in parity["samples"]:
            n = len(sample["ids"])
            h = torch.from_numpy(blob[offset:offset + n * parity["hidden"]].reshape(1, n, parity["hidden"]).copy())
            offset += n * parity["hidden"]
            s, e = branch(h, torch.ones(1, n, dtype=torch.long))
            worst = max(worst, float((s[0] - torch.from_numpy(blob[offset:offset + n])).abs().max()),
                        float((e[0] - torch.from_numpy(blob[offset + n:offset + 2 * n])).abs().max()))
            offset += 2 * n
    if worst > 1e-3:
        raise SystemExit(f"{head_dir}: weights loaded but its parity sample differs by {worst:.2e}; the mapping is wrong")
    manifest = json.load(open(os.path.join(head_dir, "manifest.json")))
    print(f"initialised from {head_dir} (step {manifest['checkpoint']['step']}, parity within {worst:.1e})", flush=True)
    return {**manifest["checkpoint"], "minutes": manifest.get("training_minutes") or 0.0}


def train(a):
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    os.makedirs(a.run, exist_ok=True)
    config_path = os.path.join(a.run, "config.json")
    if os.path.exists(config_path):
        saved = json.load(open(config_path))
        for key in ("k", "seed", "tokens_per_batch", "max_batch", "negatives_per_question", "sources"):
            if saved[key] != getattr(a, key):
                print(f"resuming {a.run}: {key} = {saved[key]} from its config (command said {getattr(a, key)})")
                setattr(a, key, saved[key])
        a.restart = saved.get("restart", 0)
    else:
        a.restart = 0
    json.dump(vars(a), open(config_path, "w"), indent=1)
    backbone = backbone_module.load_onnx(a.backbone, a.device)
    trunk = Trunk(backbone, a.k)
    branch = Branch(backbone, a.k).to(a.device)
    rows, counts = training_windows(a.ids, a.sources.split(","), a.negatives_per_question, a.seed)
    lengths = np.array([r["tokens"] for r in rows])
    print(f"{len(rows)} training windows {counts}", flush=True)
    dev = read_windows(os.path.join(a.ids, "dev", "windows.jsonl"))
    contexts, answers, articles = squad_answers(a.dev_json)
    selection = {int(x) for x in a.select_articles.split(",")}
    dev = [w for w in dev if articles[w["id"]] in selection]
    print(f"selection: {len(dev)} windows of development articles {sorted(selection)}", flush=True)

    optimizer = torch.optim.AdamW(branch.parameters(), lr=a.lr, weight_decay=0.01)
    first_epoch_batches = len(epoch_batches(len(rows), lengths, a.tokens_per_batch, a.max_batch, a.seed, 0))
    total = a.total_steps or a.epochs * first_epoch_batches
    loop = Loop(a.run, branch, optimizer, select="selection_f1", epochs=a.epochs, total_steps=total, eval_every=a.eval_every,
                checkpoint_every=a.checkpoint_every, log_every=a.log_every)
    if not loop.resumed and a.init_head:
        exported = load_exported_head(branch, a.init_head)
        # The head's step is where its run stood in this run's (seeded) batch order: continue there.
        loop.continue_from(exported["step"], position=exported["step"], seconds=60.0 * exported["minutes"],
                           best={"step": exported["step"], "selection_f1": exported["selection_f1"]})
        a.restart = exported["step"]
        json.dump(vars(a), open(config_path, "w"), indent=1)
    print(f"{first_epoch_batches} batches per epoch; schedule {total} steps, warmup {a.warmup}", flush=True)
    loss_fn = nn.CrossEntropyLoss()

    def step(batch, number):
        chunk = [rows[i] for i in batch]
        ids, types, mask = pad(chunk)
        start = torch.tensor([r["start"] for r in chunk], device=a.device)
        end = torch.tensor([r["end"] for r in chunk], device=a.device)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(number, a.lr, a.warmup, total, a.restart, a.rewarmup)
        s, e = branch(trunk(ids, types, mask), mask.to(a.device))
        loss = (loss_fn(s, start) + loss_fn(e, end)) / 2
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(branch.parameters(), 1.0)
        optimizer.step()
        return loss

    def selection():
        em, f1, n = evaluate(branch, trunk, dev, contexts, answers)
        return {"selection_em": round(em, 2), "selection_f1": round(f1, 2), "selection_questions": n}

    loop.fit(lambda epoch: epoch_batches(len(rows), lengths, a.tokens_per_batch, a.max_batch, a.seed, epoch), step, selection)
    print(f"{'paused' if loop.stopped else 'done'} at step {loop.step}", flush=True)


def curve_of(run):
    """The run's curve as the manifest keeps it: the loss every --log-every steps, with the selection figures merged
    into the rows of the steps that were evaluated."""
    saved = torch.load(os.path.join(run, "checkpoint.pt"), map_location="cpu")
    figures = {r["step"]: {k: v for k, v in r.items() if k.startswith("selection_")} for r in saved["curve"]}
    return [{**r, **figures.get(r["step"], {})} for r in saved["losses"]], saved["seconds"]


def weights_of(path):
    """The branch weights in best.pt (the best selection F1) or checkpoint.pt (the last step) and that step's figures."""
    saved = torch.load(path, map_location="cpu")
    if "figures" in saved:
        return saved["model"], saved["figures"]
    return saved["model"], {"step": saved["step"], "selection_f1": (saved["best"] or {}).get("selection_f1"), "selection_em": None}


def export(a):
    torch.set_num_threads(a.threads)
    config = json.load(open(os.path.join(a.run, "config.json")))
    weights, figures = weights_of(os.path.join(a.run, a.checkpoint))
    k = config["k"]
    backbone = backbone_module.load_onnx(a.backbone)
    branch = Branch(backbone, k)
    branch.load_state_dict(weights)
    export_onnx(branch, (torch.randn(1, 20, 384), torch.ones(1, 20, dtype=torch.long)), a.out,
                ["hidden_states", "attention_mask"], ["start_logits", "end_logits"],
                {"hidden_states": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                 "start_logits": {0: "batch", 1: "tokens"}, "end_logits": {0: "batch", 1: "tokens"}})
    # Parity sample: development windows through the PyTorch trunk (layer k) and branch; the C# tests feed the same
    # ids through the host's backbone (layer k against the trunk's) and the ONNX head (logits against the branch's).
    dev = read_windows(os.path.join(a.ids, "dev", "windows.jsonl"))
    dev = [dev[0], min(dev, key=lambda w: w["tokens"]), max(dev, key=lambda w: w["tokens"])]
    trunk = Trunk(backbone, k)
    samples, blobs = [], []
    with torch.no_grad():
        for w in dev:
            ids, types, mask = pad([w])
            h = trunk(ids, types, mask)
            s, e = branch(h, mask)
            samples.append({"ids": w["ids"], "types": w["types"]})
            blobs += [h.numpy().ravel(), s.numpy().ravel(), e.numpy().ravel()]
    np.concatenate(blobs).astype(np.float32).tofile(os.path.join(a.out, "parity.f32"))
    json.dump({"layer": k, "hidden": 384, "samples": samples,
               "layout": "per sample: layer-k hidden states [tokens x 384], start_logits [tokens], end_logits [tokens], float32"},
              open(os.path.join(a.out, "parity.json"), "w"))
    curve, seconds = curve_of(a.run)
    manifest_path = os.path.join(a.out, "manifest.json")
    earlier = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    write_manifest(a.out, {
        "task": "qa", "kind": "branch", "backboneLayer": k,
        "inputs": {"hidden_states": "[batch, tokens, 384] backbone states after layer %d" % k, "attention_mask": "[batch, tokens]"},
        "outputs": {"start_logits": "[batch, tokens]", "end_logits": "[batch, tokens]; index 0 ([CLS]) is the no-answer position"},
        "architecture": f"copies of backbone layers {k + 1}..{len(backbone.layers)} (all-MiniLM-L6-v2, initialised from its weights, fine-tuned) + Linear(384, 2)",
        "checkpoint": {"file": a.checkpoint, "step": figures["step"], "selection_f1": figures["selection_f1"], "selection_em": figures["selection_em"]},
        "data": {"train_sources": config["sources"].split(","), "held_out_sources": HELD_OUT_SOURCES,
                 "windows": "DumpFeatures.cs --ids-only (the plugin's QaWindow: max 256 pieces, stride 128, question <= 64 pieces); every window holding the answer, plus at most %d window(s) without it per question, labelled [CLS]" % config["negatives_per_question"],
                 "development": DEV + " (never trained on); checkpoints selected on articles " + config["select_articles"]},
        "hyperparameters": {key: config[key] for key in ("k", "lr", "warmup", "epochs", "total_steps", "tokens_per_batch", "max_batch", "negatives_per_question", "seed")},
        "curve": curve, "training_minutes": round(seconds / 60, 1),
        "resume": f"nice -n 19 /usr/bin/python3 training/qa/train_branch.py train --run {a.run}  (continues from {a.run}/checkpoint.pt)",
        # calibrate_no_answer.py fits these later; a first export starts neutral, a re-export keeps the fitted ones.
        "calibration": earlier.get("calibration", {"scale": 1.0, "bias": 0.0}),
        "noAnswerThreshold": earlier.get("noAnswerThreshold", 0.0),
    }, a.device, keep=True)
    print(f"exported {a.out} from step {figures['step']}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["train", "export"])
    p.add_argument("--run", default="data/qa-branch")
    p.add_argument("--ids", default="data/qa-ids")
    p.add_argument("--backbone", default="models/backbone/model.onnx")
    p.add_argument("--dev-json", default=DEV)
    p.add_argument("--select-articles", default="2,12,24", help="development articles (0-based) checkpoints are selected on")
    p.add_argument("--sources", default=",".join(TRAIN_SOURCES))
    p.add_argument("--k", type=int, default=3, help="trunk depth: layers 1..k frozen and shared, k+1..6 fine-tuned")
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--init-head", default="", help="start a new run from an exported head (its step and batch position) when the run has no checkpoint")
    p.add_argument("--rewarmup", type=int, default=20, help="warm-up steps after --init-head (the optimizer state starts empty)")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--total-steps", type=int, default=0, help="length of the linear-decay schedule (0 = epochs x batches)")
    p.add_argument("--tokens-per-batch", type=int, default=4096)
    p.add_argument("--max-batch", type=int, default=32)
    p.add_argument("--negatives-per-question", type=int, default=1)
    p.add_argument("--log-every", type=int, default=20)
    p.add_argument("--eval-every", type=int, default=200)
    p.add_argument("--checkpoint-every", type=int, default=100)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--out", default="models/heads/qa-branch")
    p.add_argument("--checkpoint", default="best.pt")
    a = p.parse_args()
    train(a) if a.command == "train" else export(a)


if __name__ == "__main__":
    main()
