#!/usr/bin/env python3
"""Scores hunspell and aspell (pipe mode, Debian's en_US dictionaries) on a misspelling list, the same items and
the same rules as 'nlphost eval spellcheck': each misspelling checked on its own, an underscore is a space, case
ignored; accuracy@1 = first suggestion (or the word itself when accepted) is the intended word, accuracy@5 = among
the first five. Prints one JSON line per checker. Used by bench/spelling-baselines.sh."""
import json, subprocess, sys, time

def read(path):
    items, right, birkbeck = [], None, None
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if birkbeck is None:
                birkbeck = line.startswith("$")
            if birkbeck:
                if line.startswith("$"):
                    right = line[1:].strip().replace("_", " ")
                else:
                    items.append((line.split()[0].replace("_", " "), right))
            else:
                r, wrongs = line.split(":", 1)
                items += [(w.replace("_", " "), r.strip().replace("_", " ")) for w in wrongs.split()]
    return items

def suggestions(command, words):
    # '^' makes every line plain text in ispell pipe mode; one blank line ends each input line's results.
    text = "".join("^" + w + "\n" for w in words)
    start = time.perf_counter()
    out = subprocess.run(command, input=text, capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - start
    blocks = out.split("\n", 1)[1].split("\n\n")  # the first line is the version banner
    results = []
    for word, block in zip(words, blocks):
        fixed, first = word, []
        for line in block.splitlines():
            if line.startswith("&"):
                head, _, rest = line.partition(": ")
                orig = head.split()[1]
                sugg = [s.strip() for s in rest.split(",")]
                fixed = fixed.replace(orig, sugg[0], 1)
                first = sugg
            elif line.startswith("#"):
                first = []
        if " " in word or not first:
            results.append([fixed])
        else:
            results.append(first)
    return results, seconds

def main():
    path = sys.argv[1]
    items = read(path)
    words = [w for w, _ in items]
    for name, command in [("hunspell", ["hunspell", "-a", "-d", "en_US"]), ("aspell", ["aspell", "-a", "--lang=en_US"])]:
        results, seconds = suggestions(command, words)
        hit = lambda k: 100 * sum(any(s.lower() == r.lower() for s in res[:k]) for res, (_, r) in zip(results, items)) / len(items)
        print(json.dumps({"system": name, "accuracy@1": round(hit(1), 2), "accuracy@5": round(hit(5), 2),
                          "words": len(items), "wordsPerSecond": round(len(items) / seconds, 1)}))

main()
