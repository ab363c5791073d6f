#!/usr/bin/env bash
# Clustering throughput and peak memory at several corpus sizes, end to end through 'nlphost run cluster'
# (embedding on the backbone + k selection + k-means + keywords), one process per size so each peak is its own.
# Documents are the English sentences of en-es.tsv (short texts), the first N lines.
# Usage: bench/cluster.sh [sizes...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NLPHOST_BENCH_DATA:-../shared/data/translation/en-es.tsv}"
sizes=("${@:-1000 10000 100000}")
[ "$#" -eq 0 ] && sizes=(1000 10000 100000)
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F)"
printf '%-8s %-10s %-12s %-8s %-14s\n' docs seconds docs/s k peak_rss_mib
for n in "${sizes[@]}"; do
  python3 - "$data" "$n" > "$work/in.json" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
docs = []
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i >= n: break
        docs.append({"id": str(i), "text": line.split("\t", 1)[0]})
json.dump({"documents": docs}, sys.stdout)
PY
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" dotnet "$host" run cluster --input "$work/in.json" --Backbone:ExecutionProvider cpu > "$work/out.json" 2>"$work/err" || { cat "$work/err"; exit 1; }
  end=$(date +%s.%N)
  k=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['k'])" "$work/out.json")
  python3 - "$n" "$start" "$end" "$k" "$(cat "$work/rss")" <<'PY'
import sys
n, start, end, k, rss = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
s = end - start
print(f"{n:<8} {s:<10.1f} {n/s:<12.1f} {k:<8} {rss/1024:<14.0f}")
PY
done
