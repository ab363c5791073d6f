#!/usr/bin/env python3
"""Fits the highlights length, round(A + B ln n) sentences for a document of n sentences, on the training dumps of the
news sources: B is the within-source slope of the greedy oracle's sentence count against ln n (sources as fixed
effects, so BBC's long extractive references do not pass for a length effect), A puts the line through the mean of the
sources' means (each source weighs the same). Prints A, B and per-source figures for LengthBudget.cs / salience_data.py.
Usage: /usr/bin/python3 training/summarization/fit_length.py [--features data/summarize-features-v3]
"""
import argparse, json, math, os
import numpy as np

NEWS = ["bbc", "cnndm", "xsum"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="data/summarize-features-v3")
    args = parser.parse_args()
    xs, ys, centres = [], [], []
    for source in NEWS:
        docs = [json.loads(l) for l in open(os.path.join(args.features, source, "documents.jsonl"), encoding="utf-8")]
        docs = [d for d in docs if d["rows"] > 0 and d["index"] % 5 != 4]
        x = np.log([d["rows"] for d in docs])
        y = np.array([sum(d["labels"]) for d in docs], dtype=float)
        centres.append((x.mean(), y.mean()))
        xs.append(x - x.mean()); ys.append(y - y.mean())
        print(json.dumps({"source": source, "documents": len(docs), "mean_sentences": round(float(np.exp(x).mean()), 1),
                          "mean_oracle_sentences": round(float(y.mean()), 2)}))
    x, y = np.concatenate(xs), np.concatenate(ys)
    b = float((x * y).sum() / (x * x).sum())
    mx, my = np.mean([c[0] for c in centres]), np.mean([c[1] for c in centres])
    a = float(my - b * mx)
    print(json.dumps({"A": round(a, 3), "B": round(b, 3), "sentences_at": {n: max(1, min(6, math.floor(a + b * math.log(n) + 0.5))) for n in (5, 10, 20, 30, 60, 120)}}))


if __name__ == "__main__":
    main()
