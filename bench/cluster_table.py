#!/usr/bin/env python3
"""Prints the clustering README's rows from the reports bench/cluster-eval.sh wrote (data/cluster-eval/<set>.json),
and with --labels each cluster of the 'nlphost' run: size, its label phrases, and the gold label most of it carries
(for judging whether a person would accept the label)."""
import collections, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
folder = os.path.join(root, "data", "cluster-eval")
labels_wanted = "--labels" in sys.argv
sets = [a for a in sys.argv[1:] if not a.startswith("--")] or sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json"))
pct = lambda x: f"{100 * x:.1f}"
for name in sets:
    report = json.load(open(os.path.join(folder, name + ".json"), encoding="utf-8"))
    m = report["metrics"]
    row = lambda s: f"{pct(m[s]['vMeasure'])} / {pct(m[s]['ari'])}"
    print(f"| {name} | {int(m['embedding']['documents'])} | {int(m['embedding']['goldLabels'])} | {row('nlphost-k-given')} | "
          f"{row('nlphost-k-auto')} (k = {int(m['nlphost-k-auto']['k'])}) | {row('nlphost-density')} (k = {int(m['nlphost-density']['k'])}, "
          f"{pct(m['nlphost-density']['outlierShare'])} % out) | {row('nlphost-density-assigned')} | {row('tfidf-kmeans')} | {row('embedding-kmeans')} |")
    if labels_wanted:
        data = report["data"]
        gold = {}
        with open(data if os.path.isabs(data) else os.path.join(root, data), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    gold[str(d["id"])] = d["label"]
        clusters = collections.defaultdict(list)
        names = {}
        for p in report["predictions"]:
            clusters[p["cluster"]].append(gold[str(p["id"])])
            names[p["cluster"]] = p.get("label")
        for c in sorted(clusters, key=lambda c: -len(clusters[c])):
            top, count = collections.Counter(clusters[c]).most_common(1)[0]
            print(f"    {c:>3} size {len(clusters[c]):>5}  {names[c]!s:<60} gold: {top} ({100 * count / len(clusters[c]):.0f} %)")
