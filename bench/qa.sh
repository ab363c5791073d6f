#!/usr/bin/env bash
# Question answering over ~300-word contexts on the CPU: throughput with 16 questions in flight, then latency with one.
# Usage (repo root, after 'dotnet build -c Release'): bench/qa.sh [extra nlphost options, e.g. --Plugins:qa:Model:Path data/qa-fused]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 bench/qa_contexts.py ../shared/data/squad/squad-v1.1-dev-part-a.json data/qa-300w.json 300
nlphost="dotnet src/NlpHost/bin/Release/net10.0/nlphost.dll"
for concurrency in 16 1; do
  echo "== concurrency $concurrency"
  $nlphost eval qa --data data/qa-300w.json --out "data/qa-300w-c$concurrency.json" \
    --options "{\"articles\":\"all\",\"concurrency\":$concurrency}" --Backbone:ExecutionProvider cpu "$@"
done
