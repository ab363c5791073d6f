#!/usr/bin/env bash
# Every task's development figure with Backbone:Precision fp32 and int8: the same 'nlphost eval' command, the same data
# (limited with --limit where a full run does not fit a shared 2-core VM), fp32 then int8 for each task so that load
# changes hit both alike. The heads are evaluated from a temporary copy of models/ whose head manifests list int8 in
# backbonePrecisions (that is the validation: a head refuses int8 until its figures on int8 are known); the shipped
# manifests are not touched. Prints one line per run: task, precision, seconds, the eval's metrics.
# Usage: bench/precision-eval.sh [tasks...]   (default: spellcheck cluster summarize qa); after dotnet build -c Release
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=("$@")
[ "${#tasks[@]}" -eq 0 ] && tasks=(spellcheck cluster summarize qa)
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r models "$work/models"
/usr/bin/python3 - "$work/models/heads" <<'PY'
import json, os, sys
for head in os.listdir(sys.argv[1]):
    path = os.path.join(sys.argv[1], head, "manifest.json")
    manifest = json.load(open(path))
    manifest["backbonePrecisions"] = ["fp32", "int8"]
    json.dump(manifest, open(path, "w"), indent=1)
PY
[ -s data/cluster-sets/qa-sources.jsonl ] || /usr/bin/python3 bench/cluster_sets.py >/dev/null
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u '+%F %H:%M') UTC; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for task in "${tasks[@]}"; do
  case "$task" in
    spellcheck) args=(--data ../shared/data/spelling/spell-testset1.txt) ;;
    cluster) args=(--data data/cluster-sets/qa-sources.jsonl) ;;
    summarize) args=(--data ../shared/data/summarization/bbc_news_summary_valid.csv --limit "${SUMMARIZE_LIMIT:-40}") ;;
    qa) args=(--data ../shared/data/squad/squad-v1.1-dev-part-a.json --limit "${QA_LIMIT:-300}") ;;
    translate) args=(--data "${TRANSLATE_DATA:-data/translate/dev.tsv}" --limit "${TRANSLATE_LIMIT:-300}") ;;
    *) echo "unknown task $task" >&2; exit 2 ;;
  esac
  for precision in fp32 int8; do
    start=$(date +%s.%N)
    dotnet "$host" eval "$task" "${args[@]}" --out "$work/$task-$precision.json" \
      --Backbone:ExecutionProvider cpu --Backbone:Precision "$precision" --Plugins:ModelsPath "$work/models" >"$work/log" 2>&1 \
      || { echo "$task $precision failed:"; tail -5 "$work/log"; continue; }
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    /usr/bin/python3 - "$task" "$precision" "$seconds" "$work/$task-$precision.json" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
task, precision, seconds, path, load = sys.argv[1:]
report = json.load(open(path))
metrics = report.get("metrics", report)
def flat(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flat(f"{prefix}.{k}" if prefix else k, v, out)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out.append(f"{prefix}={value:.4g}")
items = []
flat("", metrics, items)
print(f"{task:10} {precision:4} {float(seconds):7.1f} s  load {load:>5}  " + " ".join(items[:40]))
PY
  done
done
