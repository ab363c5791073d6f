#!/usr/bin/env bash
# The clustering README's table: 'nlphost eval cluster' on every labelled set (k given, k automatic, density, TF-IDF +
# k-means, plain k-means on embeddings; see Evaluation/ClusterEvaluator.cs), one report per set under
# data/cluster-eval/. Embeddings are cached under data/embeddings (delete it to re-embed). The backbone settings
# apply as usual, e.g. NLPHOST_Backbone__MaxSequenceLength=128 NLPHOST_Backbone__WindowTokens=126
# NLPHOST_Backbone__WindowStride=64 (what the README table used for the sets embedded last).
# Usage: bench/cluster-eval.sh [options-json] [sets...]   sets: readme-sample bbc-train 20ng-sample 20ng-sample-coarse
#   bbc-valid qa-sources (default), or 20ng 20ng-coarse (all 7,532 posts; ten minutes of embedding on two idle cores)
set -euo pipefail
cd "$(dirname "$0")/.."
options="${1:-{\}}"
shift || true
sets=("$@")
[ "${#sets[@]}" -eq 0 ] && sets=(readme-sample bbc-train 20ng-sample 20ng-sample-coarse bbc-valid qa-sources)
python3 bench/cluster_sets.py >/dev/null
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
out="${NLPHOST_CLUSTER_EVAL_OUT:-data/cluster-eval}"   # another folder keeps experiments apart from the table
mkdir -p "$out"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F)"
for set in "${sets[@]}"; do
  data="data/cluster-sets/$set.jsonl"
  [ "$set" = 20ng ] && data=../shared/data/clustering/20news-bydate-test.jsonl
  echo "== $set ($data) options $options"
  dotnet src/NlpHost/bin/Release/net10.0/nlphost.dll eval cluster --data "$data" --options "$options" \
    --out "$out/$set.json" --Backbone:ExecutionProvider cpu --Plugins:cluster:EmbeddingCache data/embeddings
done
