#!/usr/bin/env bash
# Whole sentences through spellcheck: the dev sentences of the context head's data (big.txt and Tatoeba English
# sentences, split by sentence hash, never trained on), given synthetic misspellings and confusion-set swaps by
# training/spellcheck/DumpExamples.cs, plus the untouched ones. Runs NlpHost with the context head and with the noisy
# channel alone and prints errors fixed, false alarms, clean sentences changed and sentences/s side by side.
# Usage: bench/spellcheck-context.sh [dev.tsv]   (default data/spelling-context/dev.tsv, made by the dump if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NLPHOST_SPELLING_DATA:-../shared/data/spelling}"
tsv="${1:-data/spelling-context/dev.tsv}"
if [ ! -s "$tsv" ]; then
  # Only the dev parts (train items = 0): about a minute.
  dotnet run --file training/spellcheck/DumpExamples.cs -- "$(dirname "$tsv")" 0 4000 "$data/big.txt" "${data%/spelling}/translation/en-es.tsv" "${data%/spelling}/translation/en-fr.tsv"
fi
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
dotnet build plugins/Spellcheck -c Release -nologo -v q >/dev/null
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F)"
echo
echo "| system | sentences | exact | errors | errors fixed | false alarms / 1000 words | clean sentences changed | sentences/s |"
echo "|---|---|---|---|---|---|---|---|"
for run in "context head|{}" "noisy channel only|{\"context\":false}"; do
  name="${run%%|*}"; options="${run#*|}"
  dotnet "$host" eval spellcheck --data "$tsv" --options "$options" --out "$work/out.json" --Plugins:Enabled:0 spellcheck >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  python3 - "$name" "$work/out.json" <<'PY'
import json, sys
name, path = sys.argv[1:]
m = json.load(open(path))["metrics"]["nlphost"]
print(f"| {name} | {int(m['sentences'])} | {m['sentenceAccuracy']:.1f} % | {int(m['errors'])} | {m['errorsFixed']:.1f} % | "
      f"{m['falseAlarmsPer1000Words']:.2f} | {m['cleanSentencesChanged']:.1f} % of {int(m['cleanSentences'])} | {m['sentencesPerSecond']:,.1f} |")
PY
done
