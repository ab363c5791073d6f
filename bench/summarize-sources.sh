#!/usr/bin/env bash
# ROUGE on the development part of every summarization source (data/summarize-splits, from
# training/summarize/make_splits.py), first N records of each so the whole run fits a shared 2-core VM:
# 'nlphost eval summarize' per source, JSON reports in data/summarize-eval/<name>/, then one markdown table.
# NLPHOST_EVAL_TREE=<another checkout built in Release> evaluates that one instead (it reads the CSV copies, which the
# previous release could read); NLPHOST_EVAL_NAME names the output folder (default: new).
# NLPHOST_SKIP_BUILD=1 uses the Release build already there.
# Usage: bench/summarize-sources.sh [extra nlphost arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
tree="${NLPHOST_EVAL_TREE:-$repo}"
name="${NLPHOST_EVAL_NAME:-new}"
limits="${NLPHOST_EVAL_LIMITS:-bbc:100 cnndm:60 xsum:60 scitldr:40 aeslc:150 dialogsum:40 europarl:8}"
out="$repo/data/summarize-eval/$name"
mkdir -p "$out"
[ "$tree" = "$repo" ] && [ -z "${NLPHOST_SKIP_BUILD:-}" ] && dotnet build src/NlpHost -c Release -nologo -v q >/dev/null && dotnet build plugins/Summarize -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%F)"
for spec in $limits; do
  s=${spec%%:*}; n=${spec##*:}
  ext=jsonl; [ "$tree" != "$repo" ] && ext=csv
  data="$repo/data/summarize-splits/$s-dev.$ext"
  [ $s = bbc ] && data="$(cd ../shared/data/summarization && pwd)/bbc_news_summary_valid.csv"
  echo "== $s (first $n records) $(date -u +%T)"
  (cd "$tree" && dotnet src/NlpHost/bin/Release/net10.0/nlphost.dll eval summarize --data "$data" --limit "$n" --Backbone:ExecutionProvider cpu --out "$out/$s.json" "$@" 2>/dev/null | grep -E '^(system|nlphost|lead|textrank|oracle)')
done
