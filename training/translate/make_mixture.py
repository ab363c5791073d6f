#!/usr/bin/env python3
"""The fine-tuning mixture: the training parts of split_sources.py (news and documentation) plus a Tatoeba share.

Never reads the development parts split_sources.py holds out (those are the reported figures). Instead each training
part gives up a *selection* subset, again by 20-line block (md5("select:<source>:<block>") % 25 == 0) and capped per
source, on which the trainer logs its dev-loss curve and picks its weights; Tatoeba gives one from
data/translate/train.tsv by source sentence (every translation of a selection sentence leaves the mixture), so
data/translate/dev.tsv stays a reported split too. A pair whose English sentence is in any reported split (any
source's dev part or Tatoeba's dev.tsv) is left out of both.

The mixture is shuffled once (seeded), so any prefix of it keeps the shares below. Writes data/translate-ft/
{train,select}.tsv: source<TAB>target<TAB>origin (git-ignored).

  /usr/bin/python3 training/translate/make_mixture.py
"""
import argparse, glob, hashlib, os, random

NEWS = ["wmt-newstest2008-2012", "ntrex128", "tico19", "globalvoices-aym-pivot"]
DOCS = ["python-docs", "libreoffice-help", "debian-docs", "django-docs"]
BLOCK = 20


def selected(source, block):
    return int(hashlib.md5(f"select:{source}:{block}".encode()).hexdigest(), 16) % 25 == 0


def read(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")[:2]) for line in f if line.count("\t") >= 1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sources", default="data/translate-sources")
    p.add_argument("--tatoeba", default="data/translate/train.tsv")
    p.add_argument("--tatoeba-dev", default="data/translate/dev.tsv")
    p.add_argument("--out", default="data/translate-ft")
    p.add_argument("--cap", default="python-docs=12000,libreoffice-help=9000,debian-docs=5500",
                   help="most training pairs taken from a source (first ones after a seeded shuffle)")
    p.add_argument("--tatoeba-pairs", type=int, default=12500)
    p.add_argument("--select-per-source", type=int, default=120)
    p.add_argument("--tatoeba-select", type=int, default=300)
    p.add_argument("--seed", type=int, default=21)
    a = p.parse_args()
    rng = random.Random(a.seed)
    caps = {k: int(v) for k, v in (kv.split("=") for kv in a.cap.split(",") if kv)}
    os.makedirs(a.out, exist_ok=True)
    # An English sentence of any reported split never enters the mixture: NTREX-128 gives most of its sentences two
    # or three Spanish versions in different blocks, so a block split alone would train on 221 of its 257 dev sources.
    reported = {s for path in glob.glob(f"{a.sources}/*.dev.tsv") + [a.tatoeba_dev] for s, _ in read(path)}
    train, select, leaked = [], [], {}
    for source in NEWS + DOCS:
        pairs = [pair for pair in read(f"{a.sources}/{source}.train.tsv") if pair[0].strip() and pair[1].strip()]
        leaked[source] = sum(1 for s, _ in pairs if s in reported)
        pairs = [pair for pair in pairs if pair[0] not in reported]
        held = [pair + (source,) for n, pair in enumerate(pairs) if selected(source, n // BLOCK)]
        rest = [pair + (source,) for n, pair in enumerate(pairs) if not selected(source, n // BLOCK)]
        rng.shuffle(rest)
        rest = rest[:caps.get(source, len(rest))]
        select += held[:a.select_per_source]
        train += rest
        print(f"{source}: train {len(rest)}, select {min(len(held), a.select_per_source)} (of {len(held)} held out), "
              f"{leaked[source]} pairs left out whose English is in a reported dev split")
    tatoeba = read(a.tatoeba)
    by_source = sorted({s for s, _ in tatoeba}, key=lambda s: hashlib.sha1(f"select:{s}".encode()).hexdigest())
    held = set(by_source[:a.tatoeba_select])
    rest = [pair + ("tatoeba",) for pair in tatoeba if pair[0] not in held]
    rng.shuffle(rest)
    train += rest[:a.tatoeba_pairs]
    select += [pair + ("tatoeba",) for pair in tatoeba if pair[0] in held]
    print(f"tatoeba: train {min(len(rest), a.tatoeba_pairs)}, select {sum(1 for s, _ in tatoeba if s in held)} pairs")
    rng.shuffle(train)
    for name, rows in (("train", train), ("select", select)):
        with open(f"{a.out}/{name}.tsv", "w", encoding="utf-8") as f:
            f.writelines(f"{s}\t{t}\t{o}\n" for s, t, o in rows)
    print(f"wrote {a.out}/train.tsv ({len(train)} pairs) and {a.out}/select.tsv ({len(select)} pairs)")


if __name__ == "__main__":
    main()
