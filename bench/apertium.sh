#!/usr/bin/env bash
# Apertium (Debian's apertium-eng-spa, rule-based) beside NlpHost on the same English sources, scored by the same
# BLEU/chrF code ('nlphost eval translate' with Apertium's outputs as an extra system). The sources are the distinct
# first columns of the data file, in order; their repeated rows are the references.
# Usage: bench/apertium.sh [data.tsv] [nlphost settings...]   (default data/translate/dev.tsv; BEAM=1 for greedy)
#   e.g. bench/apertium.sh data/translate/dev.tsv --Plugins:translate:Pairs:en-es:MarianPath models/opus-mt-en-es
# Without the translate head and without settings, only Apertium is scored.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-data/translate/dev.tsv}"
shift || true
beam="${BEAM:-}"
[ -f "$data" ] || { echo "no $data: run python3 training/translate/prepare.py ../shared/data/translation/en-es.tsv" >&2; exit 2; }
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cut -f1 "$data" | awk '!seen[$0]++' > "$work/sources.txt"
# -u: no '*' marks on unknown words (they would only cost Apertium points).
apertium -u eng-spa "$work/sources.txt" "$work/apertium.txt"
[ "$(wc -l < "$work/sources.txt")" -eq "$(wc -l < "$work/apertium.txt")" ] || { echo "apertium changed the line count" >&2; exit 1; }
paste "$work/sources.txt" "$work/apertium.txt" > "$work/apertium.tsv"

head=models/heads/translate-en-es/decoder_model_merged.onnx
model=''
[ -f "$head" ] || [ "$#" -gt 0 ] || { model=',"nlphost":false'; echo "(no translate head at $head: Apertium only)"; }
[ -n "$beam" ] && model="$model,\"beamSize\":$beam"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F); apertium-eng-spa $(dpkg-query -W -f '${Version}' apertium-eng-spa 2>/dev/null || echo '?')"
echo "sources: $(wc -l < "$work/sources.txt") distinct from $data ($(wc -l < "$data") rows)"
dotnet "$host" eval translate --data "$data" --options "{\"systems\":{\"apertium\":\"$work/apertium.tsv\"}$model}" \
  --out "${NLPHOST_EVAL_OUT:-$work/eval.json}" --Backbone:ExecutionProvider cpu "$@"
