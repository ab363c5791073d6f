#!/usr/bin/env bash
# NlpHost's spellcheck beside hunspell and aspell (Debian packages hunspell hunspell-en-us aspell aspell-en) on the
# misspelling lists of ../shared/data/spelling: each misspelling corrected on its own, case ignored, accuracy@1 and
# @5 in percent, words/s. NlpHost twice: with its context head (the default; 8 words in flight so the backbone
# batches) and with the noisy channel alone (options {"context":false}, one thread). Prints one table (markdown).
# hunspell needs 15+ minutes for mitton-missp.dat on a 2-core VM, so the hunspell/aspell scores of each list are
# kept in data/spellcheck-baselines/ (git-ignored), keyed by list and checker versions; delete the folder to rerun them.
# Usage: bench/spellcheck-baselines.sh [list files...]   (default: the three development sets)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NLPHOST_SPELLING_DATA:-../shared/data/spelling}"
sets=("$@")
[ "$#" -eq 0 ] && sets=("$data/spell-testset1.txt" "$data/mitton-aspell.dat" "$data/mitton-missp.dat")
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
dotnet build plugins/Spellcheck -c Release -nologo -v q >/dev/null
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cache=data/spellcheck-baselines
mkdir -p "$cache"
versions="$(hunspell -v | head -1 | sed 's/.*really //; s/)//'), $(aspell -v | sed 's/.*really //; s/)//')"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F); $versions"
echo
echo "| set | words | system | accuracy@1 | accuracy@5 | words/s |"
echo "|---|---|---|---|---|---|"
for file in "${sets[@]}"; do
  name="$(basename "$file")"
  dotnet "$host" eval spellcheck --data "$file" --out "$work/nlphost.json" --Plugins:Enabled:0 spellcheck >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  dotnet "$host" eval spellcheck --data "$file" --out "$work/channel.json" --options '{"context":false}' --Plugins:Enabled:0 spellcheck >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  key="$cache/$name.$(sha256sum "$file" | cut -c1-12).$(echo "$versions" | sha256sum | cut -c1-12).jsonl"
  [ -s "$key" ] || python3 bench/spellcheck_baselines.py "$file" > "$key"
  python3 - "$name" "$work/nlphost.json" "$work/channel.json" "$key" <<'PY'
import json, sys
name, nlphost, channel, baselines = sys.argv[1:]
rows = [json.loads(line) for line in open(baselines)]
for system, path in (("nlphost, noisy channel only", channel), ("nlphost, context head", nlphost)):
    m = json.load(open(path))["metrics"]["nlphost"]
    rows.append({"system": system, "accuracy@1": m["accuracy@1"], "accuracy@5": m["accuracy@5"], "words": m["words"], "wordsPerSecond": m["wordsPerSecond"]})
for r in rows:
    print(f"| {name} | {int(r['words'])} | {r['system']} | {r['accuracy@1']:.1f} | {r['accuracy@5']:.1f} | {r['wordsPerSecond']:,.0f} |")
PY
done
