#!/usr/bin/env bash
# Summarization throughput on ~800-word news articles: every BBC News Summary article (train + valid CSVs) of
# 700-900 words, run through 'nlphost eval summarize' (8 documents in flight so the backbone batches their sentences).
# documents/s and words/s time the NlpHost system only (segmentation, embeddings, LexRank/TextRank, head, MMR);
# the baselines and ROUGE are computed after the clock stops.
# NLPHOST_BENCH_BASELINE=<dir of another checkout, built in Release> runs that one first on the same articles, so an
# old and a new release are compared in the same run (same machine load).
# NLPHOST_BENCH_BASELINE_ARGS: extra nlphost arguments for the baseline run only, e.g. NLPHOST_BENCH_BASELINE=. with
# NLPHOST_BENCH_BASELINE_ARGS="--Plugins:summarize:Heads:salience <old head.onnx>" compares two heads on the same build.
# NLPHOST_SKIP_BUILD=1 uses the Release builds already there.
# Usage: bench/summarize.sh [extra nlphost arguments, e.g. --Plugins:summarize:UseHead false or --limit 60]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NLPHOST_BENCH_DATA:-../shared/data/summarization}"
data="$(cd "$data" && pwd)"
if [ -z "${NLPHOST_SKIP_BUILD:-}" ]; then
  dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
  dotnet build plugins/Summarize -c Release -nologo -v q >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$data" > "$work/articles.csv" <<'PY'
import csv, sys
out = csv.writer(sys.stdout)
out.writerow(["document", "summary"])
words = []
for split in ("train", "valid"):
    for row in csv.DictReader(open(f"{sys.argv[1]}/bbc_news_summary_{split}.csv", encoding="utf-8")):
        n = len(row["document"].split())
        if 700 <= n <= 900:
            out.writerow([row["document"], row["summary"]]); words.append(n)
print(f"{len(words)} articles, {sum(words) / len(words):.0f} words on average", file=sys.stderr)
PY
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%F)"
# Two rounds, alternating, so a change in the machine's load hits both about equally.
for round in 1 2; do
  first=1
  for tree in ${NLPHOST_BENCH_BASELINE:-} .; do
    extra=""
    if [ "$first" = 1 ] && [ -n "${NLPHOST_BENCH_BASELINE:-}" ]; then
      extra="${NLPHOST_BENCH_BASELINE_ARGS:-}"; label="baseline $tree $extra"
    elif [ "$tree" = . ]; then
      label="this checkout"
    else
      label="$tree"
    fi
    first=0
    echo "== round $round: $label ($(git -C "$tree" log -1 --format=%h 2>/dev/null || echo "no git")), load $(cut -d' ' -f1 /proc/loadavg)"
    # shellcheck disable=SC2086 # the baseline's extra arguments are meant to split into words
    (cd "$tree" && dotnet src/NlpHost/bin/Release/net10.0/nlphost.dll eval summarize --data "$work/articles.csv" --Backbone:ExecutionProvider cpu "$@" $extra 2>/dev/null | grep -E '^(system|nlphost) ')
  done
  [ -z "${NLPHOST_BENCH_BASELINE:-}" ] && break
done
