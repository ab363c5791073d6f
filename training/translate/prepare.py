"""Splits en-es.tsv into train and development parts and trains the Spanish SentencePiece vocabulary.

Usage (repo root): python3 training/translate/prepare.py ../shared/data/translation/en-es.tsv [--keep-vocab]
Writes data/translate/train.tsv and data/translate/dev.tsv (git-ignored) and
models/heads/translate-en-es/target.spm (committed). With --keep-vocab the committed target.spm is left alone:
a head's vocabulary is its contract, and a fine-tune of it (or anyone who only needs the split) must not retrain it.

The split is by English source sentence, never by pair: every translation of a held-out
source stays together in dev.tsv, where the repeats serve as multiple references.
"""
import hashlib
import os
import subprocess
import sys
import tempfile

DEV_MODULUS = 50  # about 2 % of the distinct sources
VOCAB_SIZE = 8000


def is_dev(source: str) -> bool:
    digest = hashlib.sha1(source.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % DEV_MODULUS == 0


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--keep-vocab"]
    tsv = args[0] if args else "../shared/data/translation/en-es.tsv"
    os.makedirs("data/translate", exist_ok=True)
    counts = {"train": 0, "dev": 0}
    with open(tsv, encoding="utf-8") as f, \
            open("data/translate/train.tsv", "w", encoding="utf-8") as train, \
            open("data/translate/dev.tsv", "w", encoding="utf-8") as dev:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
                continue
            split = "dev" if is_dev(parts[0]) else "train"
            (dev if split == "dev" else train).write(parts[0] + "\t" + parts[1] + "\n")
            counts[split] += 1
    print(f"train {counts['train']} pairs, dev {counts['dev']} pairs")
    if "--keep-vocab" in sys.argv[1:]:
        return

    out = "models/heads/translate-en-es"
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        targets = os.path.join(tmp, "targets.txt")
        with open("data/translate/train.tsv", encoding="utf-8") as f, open(targets, "w", encoding="utf-8") as t:
            for line in f:
                t.write(line.rstrip("\n").split("\t")[1] + "\n")
        subprocess.run([
            "spm_train", f"--input={targets}", f"--model_prefix={tmp}/target", f"--vocab_size={VOCAB_SIZE}",
            "--model_type=unigram", "--character_coverage=1.0", "--pad_id=0", "--unk_id=1", "--bos_id=2",
            "--eos_id=3", "--input_sentence_size=200000", "--shuffle_input_sentence=true", "--seed_sentencepiece_size=200000",
            "--minloglevel=1"], check=True)
        os.replace(f"{tmp}/target.model", f"{out}/target.spm")
    print(f"wrote {out}/target.spm")


if __name__ == "__main__":
    main()
