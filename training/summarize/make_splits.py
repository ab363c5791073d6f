#!/usr/bin/env python3
"""Splits every summarization source into a training part and a development part, by document, once for everyone.

A document is in the development part when md5(document text) % 5 == 0 (so every reference of a document, and a
document repeated under several ids, falls on the same side); BBC News Summary keeps its own files (train CSV for
training, valid CSV for development). Both parts are capped per source (first documents in file order) so the feature
dump and the evaluations fit a shared 2-core machine; the caps are in CAPS and written to data/summarize-splits/splits.json.

Writes data/summarize-splits/<source>-{train,dev}.jsonl ({"id","document","summary","source"}, one line per reference,
the shape `nlphost eval summarize` reads) and <source>-dev.csv (document,summary; the shape the previous release
read, so the old system can be run on the very same pairs).
Usage (from the repository root): /usr/bin/python3 training/summarize/make_splits.py
"""
import csv, hashlib, json, os, sys

DATA = "../shared/data/summarization"
OUT = "data/summarize-splits"
# The training caps take every CNN/DM and XSum training document and a few hundred of the others (the quiet machine dumps
# ~100+ sentences/s); the development caps are unchanged, so the development files stay the same records as before.
# source: (file, documents kept for training, documents kept for development)
CAPS = {
    "cnndm": ("cnndm.jsonl", 900, 200),
    "xsum": ("xsum-test-1000.jsonl", 900, 200),
    "scitldr": ("scitldr-abstract-tldr.jsonl", 300, 150),
    "aeslc": ("aeslc-email-subjects.jsonl", 300, 200),
    "dialogsum": ("dialogsum-dev-test.jsonl", 300, 150),
    "europarl": ("europarlmin-transcript-minutes.jsonl", 24, 40),
}
BBC_TRAIN_CAP = 100000  # every BBC training article (1,335)
BBC_TRAIN_EVERY = 1


def is_dev(document):
    return int(hashlib.md5(document.encode("utf-8")).hexdigest(), 16) % 5 == 0


def take(records, cap):
    """The records of the first `cap` distinct documents, in file order, every reference kept."""
    kept, seen = [], set()
    for r in records:
        if r["document"] not in seen:
            if len(seen) == cap:
                continue
            seen.add(r["document"])
        kept.append(r)
    return kept, len(seen)


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    summary = {"rule": "development when md5(document) % 5 == 0; BBC: valid CSV = development, every train CSV row = training",
               "sources": {}}
    for source, (name, train_cap, dev_cap) in CAPS.items():
        records = [json.loads(l) for l in open(os.path.join(DATA, name), encoding="utf-8")]
        train, train_docs = take([r for r in records if not is_dev(r["document"])], train_cap)
        dev, dev_docs = take([r for r in records if is_dev(r["document"])], dev_cap)
        write_jsonl(os.path.join(OUT, f"{source}-train.jsonl"), train)
        write_jsonl(os.path.join(OUT, f"{source}-dev.jsonl"), dev)
        with open(os.path.join(OUT, f"{source}-dev.csv"), "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(["document", "summary"])
            out.writerows([r["document"], r["summary"]] for r in dev)
        summary["sources"][source] = {"file": name, "train_documents": train_docs, "train_pairs": len(train),
                                      "dev_documents": dev_docs, "dev_pairs": len(dev)}
    bbc = list(csv.DictReader(open(os.path.join(DATA, "bbc_news_summary_train.csv"), encoding="utf-8")))
    train = [{"id": f"bbc-train-{i}", "document": r["document"], "summary": r["summary"], "source": "bbc-train"}
             for i, r in enumerate(bbc) if i % BBC_TRAIN_EVERY == 0][:BBC_TRAIN_CAP]
    write_jsonl(os.path.join(OUT, "bbc-train.jsonl"), train)
    summary["sources"]["bbc"] = {"file": "bbc_news_summary_{train,valid}.csv", "train_documents": len(train), "dev_documents": 445}
    json.dump(summary, open(os.path.join(OUT, "splits.json"), "w"), indent=1)
    json.dump(summary, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
