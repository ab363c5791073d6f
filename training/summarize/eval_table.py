#!/usr/bin/env python3
"""Markdown tables from the 'nlphost eval summarize --out' reports of bench/summarize-sources.sh: per source, NlpHost
(this release) against LEAD, TextRank, the oracle and a previous head at 3 sentences (data/summarize-eval/head-0.3:
bench/summarize-sources.sh run with NLPHOST_EVAL_NAME=head-0.3 and --Plugins:summarize:Heads:salience <the 0.3 head>),
at the default length and at one line. Usage: /usr/bin/python3 training/summarize/eval_table.py [new-folder] [old-folder]
"""
import json, os, sys

SOURCES = ["bbc", "cnndm", "xsum", "scitldr", "aeslc", "dialogsum", "europarl"]
NAMES = {"bbc": "BBC News Summary", "cnndm": "CNN/DailyMail", "xsum": "XSum", "scitldr": "SciTLDR", "aeslc": "AESLC",
         "dialogsum": "DialogSum", "europarl": "EuroParlMin"}


def load(folder, source):
    path = os.path.join(folder, f"{source}.json")
    return json.load(open(path))["metrics"] if os.path.exists(path) else None


def cells(m):
    return f"{m['rouge1']:.2f} / {m['rouge2']:.2f} / {m['rougeL']:.2f}" if m else "–"


def main():
    new, old = (sys.argv[1:] + ["data/summarize-eval/new", "data/summarize-eval/head-0.3"][len(sys.argv) - 1:])[:2]
    print("| source (development records) | NlpHost (highlights) | lead, same length | LEAD-3 | NlpHost at 3 | 0.3 head at 3, same records | TextRank, same length | oracle, same length | words (NlpHost / lead) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in SOURCES:
        m, o = load(new, s), load(old, s)
        if not m:
            continue
        lead = next(k for k in m if k.startswith("lead") and k not in ("lead-3", "lead-1")) if any(k.startswith("lead") and k not in ("lead-3", "lead-1") for k in m) else "lead-3"
        at3 = m.get("nlphost@3", m["nlphost"])
        print(f"| {NAMES[s]} ({int(m['nlphost']['documents'])}) | {cells(m['nlphost'])} | {cells(m[lead])} | {cells(m['lead-3'])} | {cells(at3)} | "
              f"{cells(o.get('nlphost@3', o['nlphost'])) if o else '–'} | {cells(m['textrank'])} | {cells(m['oracle'])} | {m['nlphost']['summaryWords']:.0f} / {m[lead]['summaryWords']:.0f} |")
    print()
    print("| source | NlpHost one-line | lead-1 |")
    print("|---|---|---|")
    for s in SOURCES:
        m = load(new, s)
        if m and "nlphost@one-line" in m:
            print(f"| {NAMES[s]} | {cells(m['nlphost@one-line'])} | {cells(m['lead-1'])} |")


if __name__ == "__main__":
    main()
