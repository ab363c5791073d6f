#!/usr/bin/env python3
"""Development/training split of every English-Spanish source beyond Tatoeba, by document, not by sentence.

The TSVs keep each source's sentences in document order but carry no document ids, so a document is approximated by
a block of 20 consecutive lines (a news article runs to ~20-30 sentences; a documentation page to more). A block goes
to development when md5("<source>:<block>") % 20 == 0 (~5 %), so neighbouring sentences of one article never sit on
both sides and the split is the same on every machine. A line's block is that of the first line with the same English
sentence: NTREX-128's file holds its 1,997 sentences twice (two Spanish references), and splitting each copy by its
own position put 221 of the 257 development sources in the training part too. Writes
data/translate-sources/<source>.{dev,train}.tsv (git-ignored) and prints, per source, the English sentences found on
both sides (0 for every source since this rule).

  /usr/bin/python3 training/translate/split_sources.py
"""
import glob, hashlib, os

BLOCK = 20
OUT = "data/translate-sources"


def is_dev(source, block):
    return int(hashlib.md5(f"{source}:{block}".encode()).hexdigest(), 16) % 20 == 0


def main():
    os.makedirs(OUT, exist_ok=True)
    for path in sorted(glob.glob("../shared/data/translation/en-es.*.tsv")):
        source = os.path.basename(path)[len("en-es."):-len(".tsv")]
        counts = {"dev": 0, "train": 0}
        sides = {"dev": set(), "train": set()}
        first = {}  # English sentence -> the line it first appears on, which decides its block
        with open(path, encoding="utf-8") as f, open(f"{OUT}/{source}.dev.tsv", "w", encoding="utf-8") as dev, \
                open(f"{OUT}/{source}.train.tsv", "w", encoding="utf-8") as train:
            for n, line in enumerate(f):
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 2 or not parts[0].strip():
                    continue
                block = first.setdefault(parts[0].strip(), n) // BLOCK
                split = "dev" if is_dev(source, block) else "train"
                (dev if split == "dev" else train).write(parts[0] + "\t" + parts[1] + "\n")
                counts[split] += 1
                sides[split].add(parts[0].strip())
        both = len(sides["dev"] & sides["train"])
        print(f"{source}: dev {counts['dev']}, train {counts['train']}, English sentences on both sides {both}")


if __name__ == "__main__":
    main()
