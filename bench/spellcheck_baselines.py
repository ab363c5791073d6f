#!/usr/bin/env python3
"""Scores hunspell and aspell (pipe mode, Debian's en_US dictionaries) on a misspelling list, the same items and
the same rules as 'nlphost eval spellcheck': each misspelling checked on its own, an underscore is a space, case
ignored; accuracy@1 = first suggestion (or the word itself when accepted) is the intended word, accuracy@5 = among
the first five. The list is cut into --jobs chunks checked by as many processes at once (hunspell needs ~13 CPU
minutes for mitton-missp.dat); wordsPerSecond is per CPU second of the checker processes, so it does not depend on
the number of jobs or on other load. Prints one JSON line per checker. Used by bench/spellcheck-baselines.sh."""
import json, resource, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

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

def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def suggestions(command, words, jobs):
    # '^' makes every line plain text in ispell pipe mode; one blank line ends each input line's results.
    size = (len(words) + jobs - 1) // jobs
    chunks = [words[i:i + size] for i in range(0, len(words), size)]
    start = child_cpu()
    running = [subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in chunks]
    with ThreadPoolExecutor(len(chunks)) as pool:
        outputs = list(pool.map(lambda pc: pc[0].communicate("".join("^" + w + "\n" for w in pc[1]))[0], zip(running, chunks)))
    if any(p.returncode != 0 for p in running):
        sys.exit(f"{command[0]} failed")
    seconds = child_cpu() - start
    results = []
    for chunk, out in zip(chunks, outputs):
        results += parse(chunk, out)
    return results, seconds

def parse(words, out):
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
    return results

def main():
    path = sys.argv[1]
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    items = read(path)
    words = [w for w, _ in items]
    for name, command in [("hunspell", ["hunspell", "-a", "-d", "en_US"]), ("aspell", ["aspell", "-a", "--lang=en_US"])]:
        results, seconds = suggestions(command, words, jobs)
        hit = lambda k: 100 * sum(any(s.lower() == r.lower() for s in res[:k]) for res, (_, r) in zip(results, items)) / len(items)
        print(json.dumps({"system": name, "accuracy@1": round(hit(1), 2), "accuracy@5": round(hit(5), 2),
                          "words": len(items), "wordsPerSecond": round(len(items) / seconds, 1)}))

main()
