#!/usr/bin/env python3
"""Builds the spellcheck lexicon in models/spellcheck/ from ../shared/data/spelling (see plugins/Spellcheck/README.md).

words.txt.gz   "word count", one a line, most frequent first: the SymSpell frequency dictionary (Google n-gram
               counts), plus words of Norvig's big.txt seen at least --min-big times (counts rescaled to the
               dictionary's total), plus Debian's wamerican lower-case words not yet present (count --floor).
               SymSpell lists its 65 contractions (it's, don't) with one placeholder count, 300,000 (1/1,700 of
               "its"), which made "it's" look like a slip for "its"; their counts are estimated instead from the
               English side of the Tatoeba pairs (../shared/data/translation): count(the) x tatoeba(c) /
               tatoeba(the) x --contraction-scale (0.25: Tatoeba is conversational and has about four times the
               contractions of general text; this puts "it's" level with "its", as in general English corpora).
bigrams.txt.gz "word1 word2 count": the SymSpell bigram dictionary, lower-cased.
Deterministic; rerun after changing the data or the options.
"""
import argparse, collections, gzip, json, os, re

ap = argparse.ArgumentParser()
ap.add_argument("--data", default="../shared/data/spelling")
ap.add_argument("--out", default="models/spellcheck")
ap.add_argument("--wordlist", default="/usr/share/dict/american-english")
ap.add_argument("--min-big", type=int, default=3)
ap.add_argument("--floor", type=int, default=10000)
ap.add_argument("--tatoeba", nargs="*", default=["../shared/data/translation/en-es.tsv", "../shared/data/translation/en-fr.tsv"])
ap.add_argument("--contraction-scale", type=float, default=0.25)
args = ap.parse_args()

counts = {}
with open(os.path.join(args.data, "frequency_dictionary_en_82_765.txt"), encoding="utf-8-sig") as f:
    for line in f:
        parts = line.split()
        if len(parts) == 2:
            counts[parts[0].lower()] = counts.get(parts[0].lower(), 0) + int(parts[1])
from_dictionary = len(counts)

PLACEHOLDER = 300000
everyday = collections.Counter()
sentences = set()
for path in args.tatoeba:
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            sentences.update(line.split("\t")[0].lower() for line in f)
for sentence in sentences:
    everyday.update(re.findall(r"[a-z]+(?:'[a-z]+)?", sentence))
estimated = {}
if everyday["the"]:
    for word, n in counts.items():
        if n == PLACEHOLDER and "'" in word and everyday[word] > 0:
            estimated[word] = int(counts["the"] * everyday[word] / everyday["the"] * args.contraction_scale)
    counts.update(estimated)

big = collections.Counter()
with open(os.path.join(args.data, "big.txt"), encoding="utf-8", errors="replace") as f:
    for word in re.findall(r"[a-z]+", f.read().lower()):
        big[word] += 1
scale = sum(counts.values()) / sum(big.values())
added_big = 0
for word, n in big.items():
    if n >= args.min_big and word not in counts and len(word) > 1:
        counts[word] = max(int(n * scale), args.floor)
        added_big += 1

added_list = 0
if os.path.exists(args.wordlist):
    with open(args.wordlist, encoding="utf-8") as f:
        for line in f:
            word = line.strip()
            if re.fullmatch(r"[a-z]+", word) and word not in counts and len(word) > 1:
                counts[word] = args.floor
                added_list += 1

os.makedirs(args.out, exist_ok=True)
ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
with gzip.GzipFile(os.path.join(args.out, "words.txt.gz"), "wb", mtime=0) as f:
    f.write("".join(f"{w} {c}\n" for w, c in ordered).encode())

bigrams = 0
with open(os.path.join(args.data, "frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8-sig") as src, \
        gzip.GzipFile(os.path.join(args.out, "bigrams.txt.gz"), "wb", mtime=0) as dst:
    for line in src:
        parts = line.split()
        if len(parts) == 3:
            dst.write(f"{parts[0].lower()} {parts[1].lower()} {parts[2]}\n".encode())
            bigrams += 1

manifest = {
    "built_by": "python3 training/spellcheck/build_lexicon.py",
    "sources": {
        "frequency_dictionary_en_82_765.txt": "SymSpell (MIT, Wolf Garbe), Google Books n-gram counts",
        "frequency_bigramdictionary_en_243_342.txt": "SymSpell (MIT)",
        "big.txt": "Peter Norvig's corpus (Project Gutenberg texts and others)",
        "wordlist": args.wordlist + " (Debian wamerican, public domain/SCOWL)",
        "tatoeba": "English side of " + ", ".join(args.tatoeba) + " (Tatoeba via manythings.org, CC-BY 2.0 FR): counts of the contractions only",
    },
    "options": {"min_big": args.min_big, "floor": args.floor, "contraction_scale": args.contraction_scale},
    "contractions_estimated": len(estimated),
    "words": len(counts), "from_dictionary": from_dictionary, "added_from_big_txt": added_big,
    "added_from_wordlist": added_list, "bigrams": bigrams,
}
with open(os.path.join(args.out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(json.dumps(manifest))
