#!/usr/bin/env python3
"""Builds a development set of unanswerable pairs: each question of a SQuAD file paired with a paragraph of another
article (article a + 1, paragraph chosen by the question's position), with no gold answers. Titles stay those of the
question's article, so `nlphost eval qa --options '{"articles":"selection"}'` splits it like the answerable file.
An optional third argument N keeps every N-th pair only (a sample, where CPU time is short).

  python3 training/qa/make_unanswerable.py ../shared/data/squad/squad-v1.1-dev-part-a.json data/qa-unanswerable-dev.json [N]
"""
import json, sys


def main(source, out, every=1):
    data = json.load(open(source))["data"]
    result = []
    for a, article in enumerate(data):
        other = data[(a + 1) % len(data)]["paragraphs"]
        paragraphs, n = [], 0
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                context = other[n % len(other)]["context"]
                n += 1
                if (n - 1) % every:
                    continue
                paragraphs.append({"context": context, "qas": [{"id": qa["id"] + "-unanswerable", "question": qa["question"], "answers": []}]})
        result.append({"title": article["title"], "paragraphs": paragraphs})
    json.dump({"version": "unanswerable-pairs-1", "data": result}, open(out, "w"))
    print(f"{sum(len(a['paragraphs']) for a in result)} unanswerable pairs in {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
