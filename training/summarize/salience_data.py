"""Loading the per-source feature dumps, the held-out ROUGE proxy and the highlights length (shared by the trainer and
fit_length.py). The length rule must match plugins/Summarize/Scoring/LengthBudget.cs."""
import collections, json, math, os, re
import numpy as np

EXTRAS = ["lexrank", "relative_position", "inverse_position", "is_first", "paragraph_position", "first_in_paragraph",
          "title_similarity", "has_title", "centroid_similarity", "words_over_40", "sentences_over_50", "textrank",
          "lead_similarity", "position_in_paragraph", "lexrank_rank", "textrank_rank", "relative_length", "log_document_words",
          "has_quote", "is_question"]
SOURCES = ["bbc", "cnndm", "xsum", "scitldr", "aeslc", "dialogsum", "europarl"]

# LengthBudget.HighlightSentences: round(A + B ln n) clamped to [1, min(6, n)]; A, B from fit_length.py.
HIGHLIGHT_A, HIGHLIGHT_B, HIGHLIGHT_MAX = 2.1, 0.3, 6


def highlight_sentences(n):
    k = math.floor(HIGHLIGHT_A + HIGHLIGHT_B * math.log(max(n, 1)) + 0.5)
    return max(1, min(k, HIGHLIGHT_MAX, max(n, 1)))


def tokens(text):
    # rouge-score's tokenisation without the Porter stemmer (NLTK is not installed here): a proxy for selection only.
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def _f1(overlap, predicted, target):
    if overlap == 0:
        return 0.0
    p, r = overlap / predicted, overlap / target
    return 2 * p * r / (p + r)


def _ngram_f1(reference, prediction, n):
    t = collections.Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))
    p = collections.Counter(tuple(prediction[i:i + n]) for i in range(len(prediction) - n + 1))
    return _f1(sum(min(c, p[g]) for g, c in t.items()), max(sum(p.values()), 1), max(sum(t.values()), 1))


def _lcs_f1(reference, prediction):
    if not reference or not prediction:
        return 0.0
    previous = [0] * (len(prediction) + 1)
    for a in reference:
        current = [0]
        for j, b in enumerate(prediction):
            current.append(previous[j] + 1 if a == b else max(previous[j + 1], current[j]))
        previous = current
    return _f1(previous[-1], len(prediction), len(reference))


def rouge_proxy(doc, chosen):
    """Mean of ROUGE-1, -2 and -L F1 of the chosen sentences (document order) against the document's reference."""
    prediction = [t for i in chosen for t in doc["tokens"][i]]
    reference = doc["reference"]
    return (_ngram_f1(reference, prediction, 1) + _ngram_f1(reference, prediction, 2) + _lcs_f1(reference, prediction)) / 3


def load_sources(root, sources=SOURCES):
    """All sources' rows stacked; docs carry their source, dump index, row range, tokens and reference tokens."""
    docs, parts, labels, start, found = [], [], [], 0, []
    for source in sources:
        folder = os.path.join(root, source)
        if not os.path.exists(os.path.join(folder, "documents.jsonl")):
            print(f"{source}: no dump in {folder}, skipped", flush=True)
            continue
        index = [json.loads(l) for l in open(os.path.join(folder, "documents.jsonl"), encoding="utf-8")]
        if not any(d["rows"] for d in index):
            print(f"{source}: the dump in {folder} has no rows yet, skipped", flush=True)
            continue
        width = next(d["width"] for d in index if d["rows"])
        rows = np.fromfile(os.path.join(folder, "features.f32"), dtype="<f4")
        rows = rows[: sum(d["rows"] for d in index) * width].reshape(-1, width)
        parts.append(rows)
        found.append(source)
        for d in index:
            if d["rows"] > 0:
                docs.append({"source": source, "index": d["index"], "start": start, "end": start + d["rows"],
                             "tokens": [tokens(s) for s in d["sentences"]], "reference": tokens(d["summary"])})
                labels.extend(d["labels"])
            start += d["rows"]
    return {"docs": docs, "rows": np.concatenate(parts), "labels": np.asarray(labels, dtype=np.float32), "sources": found}
