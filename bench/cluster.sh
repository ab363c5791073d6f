#!/usr/bin/env bash
# Clustering throughput and peak memory at several corpus sizes, end to end through 'nlphost run cluster'
# (embedding on the backbone + automatic k + k-means + keyphrases), one process per size so each peak is its own.
# Documents are the English sentences of en-es.tsv (short texts), the first N lines (cycled when N is larger).
# Usage: bench/cluster.sh [--stream] [sizes...]   (default: 1000 10000 100000)
#   --stream: the input is a JSONL file referenced by {"path": ...} (chunked embedding spilled to disk, mini-batch
#   k-means); without it the documents are inline JSON and clustered in memory.
# The 1M run of the issue: bench/cluster.sh --stream 1000000 (not run in CI; about an hour of embedding on 2 idle cores).
set -euo pipefail
cd "$(dirname "$0")/.."
stream=0
if [ "${1:-}" = --stream ]; then stream=1; shift; fi
data="${NLPHOST_BENCH_DATA:-../shared/data/translation/en-es.tsv}"
sizes=("$@")
[ "${#sizes[@]}" -eq 0 ] && sizes=(1000 10000 100000)
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; date: $(date -u '+%F %H:%M UTC'); stream: $stream"
printf '%-8s %-10s %-12s %-8s %-14s %s\n' docs seconds docs/s k peak_rss_mib 'load average (1/5/15 min) before, after'

for n in "${sizes[@]}"; do
  python3 - "$data" "$n" "$stream" "$work" > "$work/in.json" <<'PY'
import json, sys
path, n, stream, work = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
with open(path, encoding="utf-8") as f:
    lines = [line.split("\t", 1)[0] for line in f]
docs = ({"id": str(i), "text": lines[i % len(lines)] if i < len(lines) else f"{lines[i % len(lines)]} ({i // len(lines)})"} for i in range(n))
if stream:
    with open(f"{work}/docs.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d) + "\n")
    json.dump({"path": f"{work}/docs.jsonl"}, sys.stdout)
else:
    json.dump({"documents": list(docs)}, sys.stdout)
PY
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" dotnet "$host" run cluster --input "$work/in.json" --Backbone:ExecutionProvider cpu > "$work/out.json" 2>"$work/err" || { cat "$work/err"; exit 1; }
  end=$(date +%s.%N)
  k=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['k'])" "$work/out.json")
  python3 - "$n" "$start" "$end" "$k" "$(cat "$work/rss")" "$load_before, $(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
n, start, end, k, rss, load = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6]
s = end - start
print(f"{n:<8} {s:<10.1f} {n/s:<12.1f} {k:<8} {rss/1024:<14.0f} {load}")
PY
done
