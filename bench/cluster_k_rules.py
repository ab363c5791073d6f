#!/usr/bin/env python3
"""Compares rules for choosing k from the per-level curves an 'eval cluster' report holds (k-curve: refined
silhouette, stability and, for judging only, the V-measure of every level), on the sets named. For choosing the
automatic-k rule on DEVELOPMENT sets: run it on held-out sets only after the rule is fixed.
Needs reports with stability@k (the comparison run of 2026-12-02; the committed code no longer scores stability).
Usage: bench/cluster_k_rules.py [--dir data/cluster-eval] set..."""
import json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
folder = os.path.join(root, "data", "cluster-eval")
if args and args[0] == "--dir":
    folder, args = args[1], args[2:]


def curves(name):
    m = json.load(open(os.path.join(folder, name + ".json"), encoding="utf-8"))["metrics"]
    c = m["k-curve"]
    ks = sorted(int(key.split("@")[1]) for key in c if key.startswith("stability@"))
    get = lambda what: {k: c[f"{what}@{k}"] for k in ks}
    return ks, get("refinedSilhouette"), get("stability"), get("vMeasure"), m["nlphost-k-given"]["vMeasure"], int(m["embedding"]["goldLabels"])


def elbow(ks, score, reach):
    best = max(ks, key=lambda k: (score[k], -k))
    low = min(score[k] for k in ks if k <= best)
    return next(k for k in ks if score[k] >= low + reach * (score[best] - low) - 1e-12)


def smallest_within(ks, score, share):
    best = max(score[k] for k in ks)
    return next(k for k in ks if score[k] >= best - share * abs(best))


rules = {
    "max silhouette": lambda ks, sil, st: max(ks, key=lambda k: (sil[k], -k)),
    "silhouette elbow 0.5": lambda ks, sil, st: elbow(ks, sil, 0.5),
    "max stability": lambda ks, sil, st: max(ks, key=lambda k: (st[k], -k)),
    "max stability k>=3": lambda ks, sil, st: max([k for k in ks if k >= 3], key=lambda k: (st[k], -k)),
    "max sil*stab": lambda ks, sil, st: max(ks, key=lambda k: (sil[k] * st[k], -k)),
    "max sil*stab^2": lambda ks, sil, st: max(ks, key=lambda k: (sil[k] * st[k] ** 2, -k)),
}
for tau in (0.6, 0.7, 0.8, 0.9):
    rules[f"largest k, stab>={tau}"] = lambda ks, sil, st, tau=tau: max([k for k in ks if st[k] >= tau] or [ks[0]])
    rules[f"max sil among stab>={tau}"] = lambda ks, sil, st, tau=tau: max([k for k in ks if st[k] >= tau] or [ks[0]], key=lambda k: (sil[k], -k))

data = {name: curves(name) for name in args}
print(f"{'rule':<28}" + "".join(f"{n[:16]:>18}" for n in args) + f"{'worst':>8}{'mean':>8}")
for rule, choose in rules.items():
    cells, deltas = [], []
    for name in args:
        ks, sil, st, vm, given, gold = data[name]
        k = choose(ks, sil, st)
        deltas.append(100 * (vm[k] - given))
        cells.append(f"k={k:<3}{100 * vm[k]:5.1f}({deltas[-1]:+5.1f})")
    print(f"{rule:<28}" + "".join(f"{c:>18}" for c in cells) + f"{min(deltas):8.1f}{sum(deltas) / len(deltas):8.1f}")
if "--curves" in os.environ.get("K_RULES", ""):
    for name in args:
        ks, sil, st, vm, given, gold = data[name]
        print(name, "gold", gold, "given", round(100 * given, 1))
        for k in ks:
            print(f"  k={k:<3} sil {sil[k]:.4f} stab {st[k]:.3f} V {100 * vm[k]:.1f}")
