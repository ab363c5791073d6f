#!/usr/bin/env python3
"""Trains the English->Spanish decoder head over the frozen backbone (GPU when present, else CPU).

Inputs are the files prepare.py, DumpIds.cs and spm_encode write into data/translate (see README.md here):
{train,dev}.src.ids (backbone pieces with [CLS]/[SEP]) and {train,dev}.tgt.ids (target.spm ids). The backbone's
hidden states are computed once by training/common/backbone.py's copy of the encoder and kept in memory.
Each epoch ends with the dev loss; every --bleu-every epochs the dev set is decoded greedily and scored with
sacreBLEU when it is installed. The loop is training/common/trainer.py's: <out>/checkpoint.pt (weights, optimizer,
LR schedule, step and batch position, history) lets a later run resume, `touch <out>/STOP` checkpoints and exits,
--minutes ends the run for now after a last evaluation. At every checkpoint the best weights (float16) go to
<out>/weights.pt with the run's history, for export_decoder.py.

A CPU fine-tune of the committed head (see README.md here) starts from it with --init-onnx, encodes each batch's
sources on the fly, evaluates the per-source dev loss of a selection split every --eval-every steps and keeps the
weights with the lowest mean over sources.

  python3 training/translate/train_decoder.py --data data/translate --backbone data/gpu/backbone.npz --out data/translate-run --minutes 8
"""
import argparse, contextlib, json, math, os, random, sys, time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import backbone as backbone_module  # noqa: E402
from trainer import Loop  # noqa: E402
from decoder import BOS, EOS, PAD, DecoderHead  # noqa: E402

POSITIONS = DecoderHead().config["positions"]


def read_ids(path, limit):
    rows = []
    with open(path) as f:
        for line in f:
            rows.append([int(x) for x in line.split()])
            if limit and len(rows) >= limit:
                break
    return rows


def read_pairs(path, limit):
    """(source, target, origin) per line of a TSV; origin is the optional third column (make_mixture.py writes it)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            rows.append((parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""))
            if limit and len(rows) >= limit:
                break
    return rows


def pad(rows, fill, device):
    """One padded tensor for all rows, built once, so that batches are slices on the device."""
    array = np.full((len(rows), max(len(r) for r in rows)), fill, dtype=np.int64)
    for i, row in enumerate(rows):
        array[i, :len(row)] = row
    return torch.from_numpy(array).to(device)


class Corpus:
    """Sources, decoder inputs and labels of one split. The frozen encoder's states are either computed once for every
    source (encode(), kept on the device: the GPU path) or per batch by the backbone given to lazy() (CPU: a short
    fine-tune reaches only part of the mixture, so encoding all of it first would be wasted)."""

    def __init__(self, sources, targets, device):
        self.src = pad(sources, 0, device)
        self.src_len = torch.tensor([len(s) for s in sources], device=device)
        self.mask = (torch.arange(self.src.shape[1], device=device)[None] < self.src_len[:, None]).long()
        self.dec_in = pad([[BOS] + t for t in targets], PAD, device)
        self.labels = pad([t + [EOS] for t in targets], -100, device)
        self.tgt_len = torch.tensor([len(t) + 1 for t in targets], device=device)
        self.states, self.backbone = None, None

    def __len__(self):
        return len(self.src_len)

    @torch.no_grad()
    def encode(self, backbone, batch=1024):
        """Frozen encoder states for every source, float16, kept on the device."""
        self.states = torch.zeros(*self.src.shape, 384, dtype=torch.float16, device=self.src.device)
        order = torch.argsort(self.src_len)
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            width = int(self.src_len[chunk].max())
            self.states[chunk, :width] = backbone(self.src[chunk, :width], self.mask[chunk, :width]).half()

    def lazy(self, backbone):
        self.backbone = backbone

    def batch(self, index):
        index = torch.as_tensor(index, device=self.src.device)
        s, t = int(self.src_len[index].max()), int(self.tgt_len[index].max())
        if self.states is None:
            with torch.no_grad():
                enc = self.backbone(self.src[index, :s], self.mask[index, :s])
        else:
            enc = self.states[index, :s].float()
        return self.dec_in[index, :t], enc, self.mask[index, :s], self.labels[index, :t]


def batches(lengths, batch_tokens, shuffle, rng=random):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i] + (rng.random() if shuffle else 0))
    out, current, longest = [], [], 0
    for i in order:
        longest = max(longest, lengths[i])
        if current and longest * (len(current) + 1) > batch_tokens:
            out.append(current)
            current, longest = [], lengths[i]
        current.append(i)
    if current:
        out.append(current)
    if shuffle:
        rng.shuffle(out)
    return out


@torch.no_grad()
def greedy(model, enc, mask, max_new):
    batch = enc.shape[0]
    past = model.empty_past(batch, enc.device)
    token = torch.full((batch, 1), BOS, dtype=torch.long, device=enc.device)
    done = torch.zeros(batch, dtype=torch.bool, device=enc.device)
    out = []
    for _ in range(max_new):
        logits, *past = model(token, enc, mask, *past)
        token = logits[:, -1].argmax(-1, keepdim=True)
        token[done] = PAD
        out.append(token)
        done |= token[:, 0] == EOS
        if done.all():
            break
    rows = torch.cat(out, dim=1).tolist()
    return [[t for t in r[:r.index(EOS)] if t != PAD] if EOS in r else [t for t in r if t != PAD] for r in rows]


def dev_bleu(model, dev, dev_index, corpus, spm_path):
    """Greedy decoding of each distinct dev source, scored against all of its references."""
    import sacrebleu
    import sentencepiece
    sp = sentencepiece.SentencePieceProcessor(model_file=spm_path)
    model.eval()
    firsts, refs = {}, {}
    for k, (src, ref) in enumerate(dev):
        firsts.setdefault(src, dev_index[k])
        refs.setdefault(src, []).append(ref)
    unique = list(firsts.values())
    lengths = corpus.src_len[torch.tensor(unique, device=corpus.src.device)].tolist()
    hyps = {}
    for chunk in batches(lengths, 8192, False):
        index = [unique[c] for c in chunk]
        _, enc, mask, _ = corpus.batch(index)
        for i, ids in zip(index, greedy(model, enc, mask, 2 * enc.shape[1] + 10)):
            hyps[i] = sp.decode(ids)
    sources = list(firsts)
    streams = max(len(r) for r in refs.values())
    ref_streams = [[(refs[s] + [refs[s][0]] * streams)[k] for s in sources] for k in range(streams)]
    hyp = [hyps[firsts[s]] for s in sources]
    return {"bleu": round(sacrebleu.corpus_bleu(hyp, ref_streams).score, 2), "chrf": round(sacrebleu.corpus_chrf(hyp, ref_streams).score, 2)}


def _has_scorer():
    try:
        import sacrebleu, sentencepiece  # noqa: F401
        return True
    except ImportError:
        return False


def dev_losses(model, dev, origins, batch_tokens):
    """Mean token loss over the dev split, and per origin when the split names them (one mean per source)."""
    model.eval()
    sums, counts = {}, {}
    with torch.no_grad():
        for index in batches(dev.tgt_len.tolist(), batch_tokens, False):
            inputs, enc, mask, labels = dev.batch(index)
            logits = model(inputs, enc, mask, *model.empty_past(len(index), enc.device))[0]
            token_loss = nn.functional.cross_entropy(logits.transpose(1, 2), labels, ignore_index=-100, reduction="none").sum(1)
            for i, loss, n in zip(index, token_loss.tolist(), (labels != -100).sum(1).tolist()):
                for key in ("all", origins[i]) if origins[i] else ("all",):
                    sums[key], counts[key] = sums.get(key, 0.0) + loss, counts.get(key, 0) + n
    return {k: round(sums[k] / counts[k], 4) for k in sums}


def selection_key(losses):
    """Lower is better: the mean over origins (each source counts once, however many sentences it has), else the overall loss."""
    per_origin = [v for k, v in losses.items() if k != "all"]
    return sum(per_origin) / len(per_origin) if per_origin else losses["all"]


def keep_rows(src, tgt, pairs, max_source, max_target):
    """Drops rows whose source reached DumpIds' cut (its target says more than the source kept) or whose target is too long."""
    keep = [i for i in range(len(src)) if (not max_source or len(src[i]) < max_source) and (not max_target or len(tgt[i]) <= max_target)]
    return [src[i] for i in keep], [tgt[i] for i in keep], [pairs[i] for i in keep], len(src) - len(keep)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/translate")
    p.add_argument("--train-split", default="train")
    p.add_argument("--dev-split", default="dev", help="the split that picks the weights (dev loss / BLEU); never a reported split")
    p.add_argument("--backbone", default="data/gpu/backbone.npz", help="a pack()ed .npz, or model.onnx itself (float32 weights)")
    p.add_argument("--spm", default="models/heads/translate-en-es/target.spm")
    p.add_argument("--out", default="data/translate-run")
    p.add_argument("--init-onnx", default="", help="start from an exported head folder (weights checked against its parity.json) when --out has no checkpoint")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--total-steps", type=int, default=0, help="stop after this many optimizer steps (0: --epochs decide)")
    p.add_argument("--checkpoint", default="", help="where to keep weights + optimizer state (default <out>/checkpoint.pt)")
    p.add_argument("--checkpoint-every", type=int, default=0, help="steps between checkpoints (0: at the end of each epoch only)")
    p.add_argument("--eval-every", type=int, default=0, help="steps between dev-loss evaluations (0: at the end of each epoch)")
    p.add_argument("--minutes", type=float, default=0)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--max-source", type=int, default=0, help="drop rows whose source has this many ids (cut by DumpIds)")
    p.add_argument("--max-target", type=int, default=0, help="drop rows whose target has more ids (at most 255, the position table)")
    p.add_argument("--batch-tokens", type=int, default=12000)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=1000)
    p.add_argument("--schedule", choices=["rsqrt", "linear"], default="rsqrt",
                   help="after warm-up: inverse square root (from scratch), or linear decay to --final-lr by --total-steps (fine-tune)")
    p.add_argument("--final-lr", type=float, default=0.1, help="fraction of --lr reached at --total-steps with --schedule linear")
    p.add_argument("--width", type=int, default=256)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ff", type=int, default=1024)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--smoothing", type=float, default=0.1)
    p.add_argument("--bleu-every", type=int, default=3)
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    p.add_argument("--seed", type=int, default=13)
    a = p.parse_args()
    if a.schedule == "linear" and not a.total_steps:
        p.error("--schedule linear needs --total-steps")
    if a.threads:
        torch.set_num_threads(a.threads)
    random.seed(a.seed)
    torch.manual_seed(a.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    os.makedirs(a.out, exist_ok=True)
    started = time.time()
    load = lambda split: (read_ids(f"{a.data}/{split}.src.ids", a.limit), read_ids(f"{a.data}/{split}.tgt.ids", a.limit), read_pairs(f"{a.data}/{split}.tsv", a.limit))
    train_src, train_tgt, _ = load(a.train_split)
    dev_src, dev_tgt, dev_rows = load(a.dev_split)
    # The learned position table ends at 256: [BOS] + target must fit, or the embedding lookup fails mid-run.
    max_target = min(a.max_target or POSITIONS - 1, POSITIONS - 1)
    train_src, train_tgt, _, dropped = keep_rows(train_src, train_tgt, train_src, a.max_source, max_target)
    dev_src, dev_tgt, dev_rows, dev_dropped = keep_rows(dev_src, dev_tgt, dev_rows, a.max_source, max_target)
    dev_pairs, dev_origins = [(s, t) for s, t, _ in dev_rows], [o for _, _, o in dev_rows]
    print(f"{len(train_src)} training rows ({dropped} dropped by length), {len(dev_src)} dev rows ({dev_dropped} dropped)", flush=True)
    train, dev = Corpus(train_src, train_tgt, device), Corpus(dev_src, dev_tgt, device)
    backbone = backbone_module.load_onnx(a.backbone, device) if a.backbone.endswith(".onnx") else backbone_module.load(a.backbone, device)
    cached = os.path.join(a.out, f"{a.dev_split}.states.pt")
    if os.path.exists(cached) and torch.load(cached)["src"].equal(dev.src.cpu()):
        dev.states = torch.load(cached)["states"].to(device)  # a resumed run skips re-encoding its dev split
    else:
        dev.encode(backbone)
        torch.save({"src": dev.src.cpu(), "states": dev.states.cpu()}, cached)
    if device == "cuda":
        train.encode(backbone)
        del backbone
    else:
        train.lazy(backbone)
    print(f"{device}: encoded {len(dev) + (len(train) if device == 'cuda' else 0)} sources in {time.time() - started:.0f}s", flush=True)

    model = DecoderHead(width=a.width, layers=a.layers, heads=a.heads, ff=a.ff, dropout=a.dropout).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.98), weight_decay=0.01)
    if a.schedule == "linear":
        schedule = lambda step: min((step + 1) / a.warmup, 1.0 - (1.0 - a.final_lr) * min(1.0, step / a.total_steps))
    else:
        schedule = lambda step: min((step + 1) / a.warmup, math.sqrt(a.warmup / (step + 1)))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=a.smoothing)
    # Epochs on the GPU select by dev BLEU when sacreBLEU is there; step-based fine-tunes by the lowest per-source dev loss.
    by_bleu = _has_scorer() and a.eval_every == 0
    loop = Loop(a.out, model, optimizer, scheduler=scheduler, select="bleu" if by_bleu else "select_key", maximize=by_bleu,
                epochs=a.epochs, total_steps=a.total_steps, eval_every=a.eval_every, checkpoint_every=a.checkpoint_every,
                deadline=started + 60 * a.minutes if a.minutes else 0, eval_first=a.eval_every > 0, checkpoint=a.checkpoint or None)
    if not loop.resumed and a.init_onnx:
        import onnx_head
        loaded, difference = onnx_head.load(a.init_onnx, a.dropout)
        if loaded.config != model.config:
            raise SystemExit(f"{a.init_onnx} is {loaded.config}, the run asks for {model.config}")
        model.load_state_dict(loaded.state_dict())
        print(f"initialised from {a.init_onnx} (parity sample within {difference:.1e})", flush=True)
    use_amp = device == "cuda"

    def step(index, _):
        inputs, enc, mask, labels = train.batch(index)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16) if use_amp else contextlib.nullcontext():
            logits = model(inputs, enc, mask, *model.empty_past(len(index), device))[0]
            loss = loss_fn(logits.float().view(-1, logits.shape[-1]), labels.view(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        return loss.item()

    def evaluate():
        """Dev loss (overall and per origin), the learning rate and training seconds (finetune_manifest.py's curve),
        and greedy BLEU every --bleu-every epochs and at the last."""
        losses = dev_losses(model, dev, dev_origins, a.batch_tokens)
        figures = {"lr": round(scheduler.get_last_lr()[0], 7), "seconds": round(loop.seconds, 1), "dev_loss": losses["all"],
                   "select_key": round(selection_key(losses), 4), "dev_by_origin": {k: v for k, v in losses.items() if k != "all"}}
        completed = loop.epoch + 1
        if by_bleu and (completed % a.bleu_every == 0 or completed == a.epochs):
            figures.update(dev_bleu(model, dev_pairs, list(range(len(dev))), dev, a.spm))
        return figures

    def snapshot(weights, at):
        """A weights file in export_decoder.py's format: config, float16 weights, the step, and the run's record."""
        return {"config": model.config, "model": {k: v.half() for k, v in weights.items()}, "step": at, "best": loop.best,
                "history": loop.curve, "args": vars(a)}

    def beside_checkpoint():
        """At every checkpoint: <out>/weights.pt (the best weights), last.pt (the latest) and history.json."""
        if loop.best is not None:
            torch.save(snapshot(loop.best_weights(), loop.best["step"]), os.path.join(a.out, "weights.pt"))
        torch.save(snapshot(model.state_dict(), loop.step), os.path.join(a.out, "last.pt"))
        json.dump({"history": loop.curve, "best": loop.best, "args": vars(a), "seconds": round(time.time() - started), "steps": loop.step,
                   "device": torch.cuda.get_device_name() if use_amp else f"cpu, {torch.get_num_threads()} threads"},
                  open(os.path.join(a.out, "history.json"), "w"), indent=1)

    # The epoch's batch order depends on the seed and the epoch only, so a resumed run continues at its batch position.
    loop.fit(lambda epoch: batches(train.tgt_len.tolist(), a.batch_tokens, True, random.Random(a.seed * 1000 + epoch)),
             step, evaluate, beside_checkpoint)
    print(f"{'paused' if loop.stopped else 'best'} {loop.best}", flush=True)


if __name__ == "__main__":
    main()
