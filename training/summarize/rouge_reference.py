#!/usr/bin/env python3
"""Reference values for the C# ROUGE and Porter tests (tests/NlpHost.Tasks.Summarize.Tests).

Stems with NLTK's PorterStemmer() (Debian python3-nltk 3.8, default NLTK_EXTENSIONS mode) and scores with
rouge-score 0.1.2's tokenize/ngram/LCS code, reproduced below because rouge-score is not packaged by Debian.
Usage: python3 training/summarize/rouge_reference.py
"""
import collections, re
from nltk.stem.porter import PorterStemmer

STEMMER = PorterStemmer()


def tokenize(text):  # rouge_score/tokenize.py
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    tokens = [STEMMER.stem(x) if len(x) > 3 else x for x in re.split(r"\s+", text)]
    return [x for x in tokens if re.match(r"^[a-z0-9]+$", x)]


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def ngram(target, prediction, n):  # rouge_scorer._score_ngrams
    t = collections.Counter(tuple(target[i:i + n]) for i in range(len(target) - n + 1))
    p = collections.Counter(tuple(prediction[i:i + n]) for i in range(len(prediction) - n + 1))
    overlap = sum(min(c, p[g]) for g, c in t.items())
    return f1(overlap / max(sum(p.values()), 1), overlap / max(sum(t.values()), 1))


def lcs(target, prediction):  # rouge_scorer._score_lcs
    if not target or not prediction:
        return 0.0
    table = [[0] * (len(prediction) + 1) for _ in range(len(target) + 1)]
    for i in range(1, len(target) + 1):
        for j in range(1, len(prediction) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if target[i - 1] == prediction[j - 1] else max(table[i - 1][j], table[i][j - 1])
    n = table[-1][-1]
    return f1(n / len(prediction), n / len(target))


WORDS = """caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping
tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci digitizer
conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness
hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful
goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment
dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate cease controll
roll dying lying skies news innings proceed generously generalization enjoy spies flies tried cries died analogi
fulli beautifully said says running ran government ministers economy economic elections election markets
""".split()

PAIRS = [
    ("The quick brown fox jumps over the lazy dog", "The quick brown dog jumps on the log."),
    ("police killed the gunman", "the gunman police killed"),
    ("UK economy faces 'major risks', the BCC said.", "The BCC said the UK economy faced major risks in 2005."),
    ("", "anything"),
]

if __name__ == "__main__":
    for w in WORDS:
        print(f'[InlineData("{w}", "{STEMMER.stem(w)}")]')
    for target, prediction in PAIRS:
        t, p = tokenize(target), tokenize(prediction)
        print(repr(target), repr(prediction), t, p, f"{ngram(t, p, 1):.10f} {ngram(t, p, 2):.10f} {lcs(t, p):.10f}")
