#!/usr/bin/env python3
"""Trains the English->Spanish decoder head over the frozen backbone (GPU when present, else CPU).

Inputs are the files prepare.py, DumpIds.cs and spm_encode write into data/translate (see README.md here):
{train,dev}.src.ids (backbone pieces with [CLS]/[SEP]) and {train,dev}.tgt.ids (target.spm ids). The backbone's
hidden states are computed once by training/common/backbone.py's copy of the encoder and kept in memory.
Each epoch ends with the dev loss; every --bleu-every epochs the dev set is decoded greedily and scored with
sacreBLEU when it is installed. The best epoch's weights (float16) go to <out>/weights.pt with the run's history;
<out>/checkpoint.pt (weights + optimizer) lets a later run resume.

  python3 training/translate/train_decoder.py --data data/translate --backbone data/gpu/backbone.npz --out data/translate-run --minutes 8
"""
import argparse, contextlib, json, math, os, random, sys, time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import backbone as backbone_module  # noqa: E402
from decoder import BOS, EOS, PAD, DecoderHead  # noqa: E402

def read_ids(path, limit):
    rows = []
    with open(path) as f:
        for line in f:
            rows.append([int(x) for x in line.split()])
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
    def __init__(self, sources, targets, device):
        self.src = pad(sources, 0, device)
        self.src_len = torch.tensor([len(s) for s in sources], device=device)
        self.mask = (torch.arange(self.src.shape[1], device=device)[None] < self.src_len[:, None]).long()
        self.dec_in = pad([[BOS] + t for t in targets], PAD, device)
        self.labels = pad([t + [EOS] for t in targets], -100, device)
        self.tgt_len = torch.tensor([len(t) + 1 for t in targets], device=device)
        self.states = None

    @torch.no_grad()
    def encode(self, backbone, batch=1024):
        """Frozen encoder states for every source, float16, kept on the device."""
        self.states = torch.zeros(*self.src.shape, 384, dtype=torch.float16, device=self.src.device)
        order = torch.argsort(self.src_len)
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            width = int(self.src_len[chunk].max())
            self.states[chunk, :width] = backbone(self.src[chunk, :width], self.mask[chunk, :width]).half()

    def batch(self, index):
        index = torch.as_tensor(index, device=self.src.device)
        s, t = int(self.src_len[index].max()), int(self.tgt_len[index].max())
        return self.dec_in[index, :t], self.states[index, :s].float(), self.mask[index, :s], self.labels[index, :t]


def batches(lengths, batch_tokens, shuffle):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i] + (random.random() if shuffle else 0))
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
        random.shuffle(out)
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/translate")
    p.add_argument("--backbone", default="data/gpu/backbone.npz")
    p.add_argument("--spm", default="models/heads/translate-en-es/target.spm")
    p.add_argument("--out", default="data/translate-run")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--checkpoint", default="", help="where to keep weights + optimizer state (default <out>/checkpoint.pt)")
    p.add_argument("--minutes", type=float, default=0)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--batch-tokens", type=int, default=12000)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=1000)
    p.add_argument("--width", type=int, default=256)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ff", type=int, default=1024)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--smoothing", type=float, default=0.1)
    p.add_argument("--bleu-every", type=int, default=3)
    p.add_argument("--seed", type=int, default=13)
    a = p.parse_args()
    random.seed(a.seed)
    torch.manual_seed(a.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    os.makedirs(a.out, exist_ok=True)
    started = time.time()
    load = lambda split: (read_ids(f"{a.data}/{split}.src.ids", a.limit), read_ids(f"{a.data}/{split}.tgt.ids", a.limit))
    (train_src, train_tgt), (dev_src, dev_tgt) = load("train"), load("dev")
    dev_pairs = [tuple(l.rstrip("\n").split("\t")[:2]) for l in open(f"{a.data}/dev.tsv")][:len(dev_src)]
    sources, targets = train_src + dev_src, train_tgt + dev_tgt
    train_index = list(range(len(train_src)))
    dev_index = list(range(len(train_src), len(sources)))
    corpus = Corpus(sources, targets, device)
    backbone = backbone_module.load(a.backbone, device)
    corpus.encode(backbone)
    del backbone
    print(f"{device}: encoded {len(sources)} sources in {time.time() - started:.0f}s", flush=True)

    model = DecoderHead(width=a.width, layers=a.layers, heads=a.heads, ff=a.ff, dropout=a.dropout).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.98), weight_decay=0.01)
    schedule = lambda step: min((step + 1) / a.warmup, math.sqrt(a.warmup / (step + 1)))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=a.smoothing)
    history, best, epoch = [], None, 0
    checkpoint = a.checkpoint or os.path.join(a.out, "checkpoint.pt")
    if os.path.exists(checkpoint):
        state = torch.load(checkpoint, map_location=device)
        model.load_state_dict(state["model"]); optimizer.load_state_dict(state["optimizer"]); scheduler.load_state_dict(state["scheduler"])
        history, best, epoch = state["history"], state["best"], state["epoch"]
        print(f"resumed at epoch {epoch}", flush=True)
    use_amp = device == "cuda"
    scored = _has_scorer()
    while epoch < a.epochs and not (a.minutes and time.time() - started > a.minutes * 60):
        model.train()
        total, count, tick = 0.0, 0, time.time()
        for index in batches([len(train_tgt[i]) for i in train_index], a.batch_tokens, True):
            inputs, enc, mask, labels = corpus.batch([train_index[i] for i in index])
            with torch.autocast(device_type="cuda", dtype=torch.bfloat16) if use_amp else contextlib.nullcontext():
                logits = model(inputs, enc, mask, *model.empty_past(len(index), device))[0]
                loss = loss_fn(logits.float().view(-1, logits.shape[-1]), labels.view(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step(); scheduler.step()
            total, count = total + loss.item(), count + 1
        model.eval()
        with torch.no_grad():
            dev_loss, dev_batches = 0.0, 0
            for index in batches([len(dev_tgt[i - len(train_src)]) for i in dev_index], a.batch_tokens, False):
                inputs, enc, mask, labels = corpus.batch([dev_index[i] for i in index])
                logits = model(inputs, enc, mask, *model.empty_past(len(index), device))[0]
                dev_loss, dev_batches = dev_loss + nn.functional.cross_entropy(logits.view(-1, logits.shape[-1]), labels.view(-1), ignore_index=-100).item(), dev_batches + 1
        epoch += 1
        row = {"epoch": epoch, "train_loss": round(total / count, 4), "dev_loss": round(dev_loss / dev_batches, 4), "seconds": round(time.time() - tick, 1)}
        if scored and (epoch % a.bleu_every == 0 or epoch == a.epochs):
            row.update(dev_bleu(model, dev_pairs, dev_index, corpus, a.spm))
        history.append(row)
        print(json.dumps(row), flush=True)
        key = row.get("bleu") if scored else -row["dev_loss"]
        if key is not None and (best is None or key > best["key"]):
            best = {"key": key, "epoch": epoch, **row}
            torch.save({"config": model.config, "model": {k: v.half() for k, v in model.state_dict().items()}, "best": best,
                        "history": history, "args": vars(a)}, os.path.join(a.out, "weights.pt"))
        torch.save({"config": model.config, "model": {k: v.half() for k, v in model.state_dict().items()}, "epoch": epoch,
                    "history": history, "args": vars(a)}, os.path.join(a.out, "last.pt"))
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
                    "history": history, "best": best, "epoch": epoch}, checkpoint)
    json.dump({"history": history, "best": best, "args": vars(a), "seconds": round(time.time() - started), "device": torch.cuda.get_device_name() if use_amp else "cpu"},
              open(os.path.join(a.out, "history.json"), "w"), indent=1)
    print(f"best {best}", flush=True)


if __name__ == "__main__":
    main()
