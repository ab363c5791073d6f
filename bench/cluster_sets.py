#!/usr/bin/env python3
"""Builds the labelled clustering sets the clustering README reports on, as {"id","label","text"} JSONL under
data/cluster-sets/ (ignored; the data stay in ../shared/data). Deterministic: fixed seed, fixed order.

  20ng-coarse.jsonl  20 Newsgroups test posts (same posts, same order) labelled by top-level group:
                     comp, rec, sci, talk, misc, alt+soc (alt.atheism and soc.religion.christian)
  20ng-sample.jsonl, 20ng-sample-coarse.jsonl  the first 40 posts of each newsgroup (800 posts), 20 and 6 labels:
                     what this session could embed on a shared two-core machine
  bbc-train.jsonl    BBC News Summary train articles, 5 categories (development)
  bbc-valid.jsonl    BBC News Summary valid articles, 5 categories (held out)
  qa-sources.jsonl   up to 40 distinct contexts from each of 7 QA sources, the source as the label (held out)
  readme-sample.jsonl  samples/cluster-topics.json, the id's prefix as the label
  20ng-dev.jsonl, 20ng-dev-coarse.jsonl  posts 41-80 of each newsgroup of the test split (800 posts, none of them in
                     20ng-sample), 20 and 6 labels: development (the shared data hold no 20 Newsgroups train split)
  doc-domains.jsonl  English sentences (6+ words) of six translation corpora, the corpus as the label, unequal sizes
                     (short texts; development)
  summ-sources.jsonl documents of five summarization corpora (emails, dialogues, parliament minutes, paper
                     abstracts, news), the corpus as the label, unequal sizes (held out until 2026-12-02; seen since)
Held out since 2026-12-02 (built before the automatic-k change of that day, scored once after it):
  20ng-holdout.jsonl, 20ng-holdout-coarse.jsonl  posts 81-120 of each newsgroup (800 posts, in neither 20ng-sample
                     nor 20ng-dev), 20 and 6 labels
  qa-sources-b.jsonl contexts of nine QA sources not in qa-sources.jsonl (both Wikipedia sources, SQuAD and Natural
                     Questions, included), 15 to 50 per source, the source as the label
  summ-sources-b.jsonl documents of five summarization corpora not in summ-sources.jsonl, CNN/DailyMail as the news
                     source instead of XSum, 25 to 90 per corpus
"""
import csv, json, os, random, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "..", "shared", "data")
out = os.path.join(root, "data", "cluster-sets")
os.makedirs(out, exist_ok=True)
csv.field_size_limit(sys.maxsize)


def write(name, rows):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    labels = sorted({r["label"] for r in rows})
    print(f"{name}: {len(rows)} documents, {len(labels)} labels")


def coarse(label):
    top = label.split(".")[0]
    return "alt+soc" if top in ("alt", "soc") else top


with open(os.path.join(data, "clustering", "20news-bydate-test.jsonl"), encoding="utf-8") as f:
    posts = [json.loads(line) for line in f if line.strip()]
write("20ng-coarse.jsonl", [{"id": p["id"], "label": coarse(p["label"]), "text": p["text"]} for p in posts])
taken = {}
sample = [p for p in posts if taken.setdefault(p["label"], []).append(p) or len(taken[p["label"]]) <= 40]
write("20ng-sample.jsonl", sample)
write("20ng-sample-coarse.jsonl", [{"id": p["id"], "label": coarse(p["label"]), "text": p["text"]} for p in sample])
dev = [p for group in taken.values() for p in group[40:80]]
write("20ng-dev.jsonl", dev)
write("20ng-dev-coarse.jsonl", [{"id": p["id"], "label": coarse(p["label"]), "text": p["text"]} for p in dev])
holdout = [p for group in taken.values() for p in group[80:120]]
write("20ng-holdout.jsonl", holdout)
write("20ng-holdout-coarse.jsonl", [{"id": p["id"], "label": coarse(p["label"]), "text": p["text"]} for p in holdout])

for split in ("train", "valid"):
    with open(os.path.join(data, "summarization", f"bbc_news_summary_{split}.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    write(f"bbc-{split}.jsonl", [{"id": f"bbc-{split}-{i}", "label": r["categories"].strip(), "text": r["document"]} for i, r in enumerate(rows)])

sources = ["squad-v1.1-train", "policyqa", "subjqa", "bipar-en", "friendsqa", "covid-qa", "bioasq-factoid-snippets"]
rng = random.Random(17)
rows = []
for source in sources:
    with open(os.path.join(data, "qa", source + ".json"), encoding="utf-8") as f:
        articles = json.load(f)["data"]
    contexts = sorted({p["context"] for a in articles for p in a["paragraphs"]})
    rng.shuffle(contexts)
    rows += [{"id": f"{source}-{i}", "label": source, "text": c} for i, c in enumerate(contexts[:40])]
write("qa-sources.jsonl", rows)
seen = {r["text"] for r in rows}
sizes_b = {"squad-v1.1-train": 50, "qed-naturalquestions": 40, "policyqa": 30, "subjqa": 45, "bipar-en": 25,
           "friendsqa": 35, "covid-qa": 15, "bioasq-factoid-snippets": 40, "mrqa-ood-duorc-race-re": 30}
rng = random.Random(31)
rows = []
for source, count in sizes_b.items():
    with open(os.path.join(data, "qa", source + ".json"), encoding="utf-8") as f:
        articles = json.load(f)["data"]
    contexts = sorted({p["context"] for a in articles for p in a["paragraphs"]} - seen)
    rng.shuffle(contexts)
    rows += [{"id": f"{source}-b{i}", "label": source, "text": c} for i, c in enumerate(contexts[:count])]
write("qa-sources-b.jsonl", rows)

with open(os.path.join(root, "samples", "cluster-topics.json"), encoding="utf-8") as f:
    sample = json.load(f)["documents"]
write("readme-sample.jsonl", [{"id": d["id"], "label": d["id"].split("-")[0], "text": d["text"]} for d in sample])

# Sizes differ on purpose: automatic k must not assume balanced topics.
domains = {"debian-docs": 120, "python-docs": 90, "libreoffice-help": 70, "tico19": 60, "wmt-newstest2008-2012": 50, "django-docs": 30}
rng = random.Random(23)
rows = []
for domain, count in domains.items():
    with open(os.path.join(data, "translation", f"en-es.{domain}.tsv"), encoding="utf-8") as f:
        sentences = sorted({line.split("\t", 1)[0].strip() for line in f if len(line.split("\t", 1)[0].split()) >= 6})
    rng.shuffle(sentences)
    rows += [{"id": f"{domain}-{i}", "label": domain, "text": t} for i, t in enumerate(sentences[:count])]
write("doc-domains.jsonl", rows)

corpora = {"aeslc-email-subjects": 80, "dialogsum-dev-test": 60, "europarlmin-transcript-minutes": 50, "scitldr-abstract-tldr": 70, "xsum-test-1000": 40}
rng = random.Random(29)
rows = []
for corpus, count in corpora.items():
    with open(os.path.join(data, "summarization", corpus + ".jsonl"), encoding="utf-8") as f:
        documents = sorted({json.loads(line)["document"].strip() for line in f if line.strip()})
    documents = [d for d in documents if len(d.split()) >= 20]
    rng.shuffle(documents)
    rows += [{"id": f"{corpus}-{i}", "label": corpus, "text": d} for i, d in enumerate(documents[:count])]
write("summ-sources.jsonl", rows)
seen = {r["text"] for r in rows}
corpora = {"aeslc-email-subjects": 45, "dialogsum-dev-test": 90, "europarlmin-transcript-minutes": 25, "scitldr-abstract-tldr": 50, "cnndm": 60}
rng = random.Random(37)
rows = []
for corpus, count in corpora.items():
    with open(os.path.join(data, "summarization", corpus + ".jsonl"), encoding="utf-8") as f:
        documents = sorted({json.loads(line)["document"].strip() for line in f if line.strip()} - seen)
    documents = [d for d in documents if len(d.split()) >= 20]
    rng.shuffle(documents)
    rows += [{"id": f"{corpus}-b{i}", "label": corpus, "text": d} for i, d in enumerate(documents[:count])]
write("summ-sources-b.jsonl", rows)
