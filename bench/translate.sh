#!/usr/bin/env bash
# Translation throughput on CPU: 'nlphost eval translate' on the development sources, greedy then beam 4, one
# process each (model loading excluded from the timing; 64 sources in flight so the generation queue batches them).
# Usage: bench/translate.sh [data.tsv] [nlphost settings...]   (default data/translate/dev.tsv and the decoder head)
#   e.g. bench/translate.sh data/translate/dev.tsv --Plugins:translate:Pairs:en-es:HeadPath data/translate/standin-head
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-data/translate/dev.tsv}"
shift || true
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F); data: $data"
for beam in 1 4; do
  echo "beam $beam:"
  dotnet "$host" eval translate --data "$data" --options "{\"beamSize\":$beam}" --Backbone:ExecutionProvider cpu "$@" 2>/dev/null
done
