#!/usr/bin/env python3
"""Builds SQuAD-format contexts of at least N words (default 300) for the QA benchmark, by joining consecutive
paragraphs of the same development article (every 6th title, as `nlphost eval qa` uses) and shifting the answer
offsets. Every question keeps its gold answers, so EM/F1 on long contexts come out of the same run. The output
holds development articles only: evaluate it with --options '{"articles":"all"}'.

  python3 bench/qa_contexts.py ../shared/data/squad/squad-v1.1-dev-part-a.json data/qa-300w.json [300]
"""
import json
import sys


def main():
    source, target = sys.argv[1], sys.argv[2]
    words = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    data = json.load(open(source, encoding="utf-8"))["data"]
    articles = []
    for index, article in enumerate(data):
        if index % 6 != 5:
            continue
        merged, context, qas = [], "", []
        for paragraph in article["paragraphs"]:
            shift = len(context) + (1 if context else 0)
            context = (context + "\n" if context else "") + paragraph["context"]
            for qa in paragraph["qas"]:
                answers = [{"text": a["text"], "answer_start": a["answer_start"] + shift} for a in qa["answers"]]
                qas.append({**qa, "answers": answers})
            if len(context.split()) >= words:
                merged.append({"context": context, "qas": qas})
                context, qas = "", []
        if qas:
            merged.append({"context": context, "qas": qas})
        articles.append({"title": article["title"], "paragraphs": merged})
    json.dump({"version": "1.1", "data": articles}, open(target, "w", encoding="utf-8"))
    contexts = [p for a in articles for p in a["paragraphs"]]
    average = sum(len(p["context"].split()) for p in contexts) / len(contexts)
    print(f"{sum(len(p['qas']) for p in contexts)} questions over {len(contexts)} contexts of {average:.0f} words on average")


if __name__ == "__main__":
    main()
