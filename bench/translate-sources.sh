#!/usr/bin/env bash
# BLEU / chrF per English-Spanish development source (training/translate/split_sources.py), for each head folder and
# options JSON given, interleaved per source so that load hits every setup alike. Writes data/translate-sources/eval-*.json.
# Usage: [SOURCES="wmt-newstest2008-2012 ntrex128"] [HEADS="models/heads/translate-en-es data/translate-ft/head"] \
#          bench/translate-sources.sh <limit per source> '<options json>' ['<options json>' ...]
#   e.g. bench/translate-sources.sh 100 '{"beamSize":1,"protect":false}' '{"beamSize":1}'
# HEADS (default: the configured head) are decoder-head folders passed as Plugins:translate:Pairs:en-es:HeadPath.
# A source named "tatoeba" is data/translate/dev.tsv (training/translate/prepare.py's development split).
set -euo pipefail
cd "$(dirname "$0")/.."
limit="$1"; shift
[ -d data/translate-sources ] || /usr/bin/python3 training/translate/split_sources.py
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
[ -f "$host" ] || dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u '+%F %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg); first $limit sentences of each dev file"
printf '%-24s %-32s %-36s %7s %7s %8s\n' source head options bleu chrf sent/s
for source in ${SOURCES:-$(ls data/translate-sources/*.dev.tsv | xargs -n1 basename | sed 's/\.dev\.tsv$//')}; do
  dev="data/translate-sources/$source.dev.tsv"
  [ "$source" = tatoeba ] && dev=data/translate/dev.tsv
  n=0
  for head in ${HEADS:-configured}; do
    config=()
    [ "$head" = configured ] || config=("--Plugins:translate:Pairs:en-es:HeadPath" "$head")
    for options in "$@"; do
      n=$((n + 1))
      out="data/translate-sources/eval-$source-$n.json"
      dotnet "$host" eval translate --data "$dev" --limit "$limit" --options "$options" --out "$out" "${config[@]}" >/dev/null 2>&1
      /usr/bin/python3 -c "import json,sys; m=json.load(open('$out'))['metrics']['nlphost']; print('%-24s %-32s %-36s %7.2f %7.2f %8.2f' % ('$source', sys.argv[2], sys.argv[1], m['bleu'], m['chrf'], m['sentencesPerSecond']))" "$options" "$head"
    done
  done
done
