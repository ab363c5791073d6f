#!/usr/bin/env python3
"""Pathological inputs per task (issue 15): each is refused at submission or finishes; prints seconds and outcome.

    dotnet build src/NlpHost -c Release && python3 bench/pathological.py [--only-refusals]

Runs 'nlphost run <task>' once per case (a fresh process: the time includes start-up and model loading, about 1-3 s).
"Beyond" cases are the issue's examples (beyond the default Limits); "at limit" cases are the largest input the defaults
accept, which bounds what one job can cost.
"""
import json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = os.path.join(ROOT, "src/NlpHost/bin/Release/net10.0/nlphost.dll")

def text(kind, n):
    return {"word": "x" * n, "tiny": "Hi. " * n, "words": "word " * n}[kind].strip()

def docs(n):
    return [{"id": str(i), "text": "The same short document about trains."} for i in range(n)]

CASES = [
    # (label, task, input)
    ("beyond: one 999,990-char word", "spellcheck", {"text": text("word", 999_990)}),
    ("beyond: 100k tiny sentences", "summarize", {"text": text("tiny", 100_000)}),
    ("beyond: 100k-word sentence, no punctuation", "translate", {"text": text("words", 100_000)}),
    ("beyond: 10k identical documents", "cluster", {"documents": docs(10_000)}),
    ("beyond: 10k identical documents", "qa", {"question": "Where?", "documents": [d["text"] for d in docs(10_000)]}),
    ("at limit: 1,000-char word", "spellcheck", {"text": "a " + text("word", 1_000)}),
    ("at limit: 50k chars of tiny sentences", "spellcheck", {"text": text("tiny", 12_500)}),
    ("at limit: 200k chars of tiny sentences", "summarize", {"text": text("tiny", 50_000)}),
    ("at limit: 200k-char sentence, no punctuation", "summarize", {"text": text("words", 40_000)}),
    ("at limit: 10k chars of tiny sentences", "translate", {"text": text("tiny", 2_500)}),
    ("at limit: 10k-char sentence, no punctuation", "translate", {"text": text("words", 2_000)}),
    ("at limit: 2,000 identical documents", "cluster", {"documents": docs(2_000)}),
    ("at limit: 200k-char context", "qa", {"question": "Where do trains go?", "context": text("words", 40_000)}),
]

def main():
    only_refusals = "--only-refusals" in sys.argv
    print(f"{'task':<11} {'case':<46} {'exit':>4} {'seconds':>8}  outcome")
    with tempfile.TemporaryDirectory() as work:
        for label, task, payload in CASES:
            if only_refusals and not label.startswith("beyond"):
                continue
            path = os.path.join(work, "input.json")
            with open(path, "w") as f:
                json.dump(payload, f)
            start = time.monotonic()
            run = subprocess.run(["dotnet", HOST, "run", task, "--input", path, "--Backbone:ExecutionProvider", "cpu"],
                                 capture_output=True, text=True, cwd=ROOT, timeout=1800)
            seconds = time.monotonic() - start
            outcome = "ok" if run.returncode == 0 else (run.stderr.strip().splitlines() or ["?"])[-1][:110]
            print(f"{task:<11} {label:<46} {run.returncode:>4} {seconds:>8.1f}  {outcome}", flush=True)

if __name__ == "__main__":
    main()
