#!/usr/bin/env bash
# The queue's overhead on a real task (issue 18): M one-sentence 'spellcheck' jobs through 'nlphost submit --batch' and
# one 'nlphost worker' on a fresh SQLite queue, against the same M sentences run in-process by 'nlphost eval spellcheck'.
# Both timings include their process's start and model load; the queue's ends at the last job's finished_at (the
# worker's clock, milliseconds), the eval's when the process exits. ratio = queue sentences/s / eval sentences/s.
# Sentences: the written side of the first M lines of JFLEG, GMEG-wiki and CWEB (../shared/data/spelling), in that order.
# Usage: bench/queue-spellcheck.sh [M] (default 10000); BENCH_CONCURRENCY sets Worker:Concurrency (default 2);
# BENCH_NO_BUILD=1 uses the Release build already there.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-10000}"
[ -z "${BENCH_NO_BUILD:-}" ] && dotnet build NlpHost.sln -c Release -nologo -v q >/dev/null
. bench/lib/scratch.sh
awk -F'\t' -v m="$jobs" 'NF >= 2 && $1 != "" { print $1 "\t" $2; if (++n >= m) exit }' \
  ../shared/data/spelling/jfleg.tsv ../shared/data/spelling/gmeg-wiki.tsv ../shared/data/spelling/cweb.tsv > "$work/pairs.tsv"
jobs=$(wc -l < "$work/pairs.tsv")
/usr/bin/python3 -c 'import json,sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.dumps({"text": line.rstrip("\n").split("\t")[0]}))' "$work/pairs.tsv" > "$work/batch.jsonl"
common=(--Backbone:ExecutionProvider cpu --Worker:Concurrency "${BENCH_CONCURRENCY:-2}" --Logging:LogLevel:NlpHost.Queue.Internal.Execution Warning)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u '+%F %H:%M') UTC; sentences: $jobs; load: $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s.%N)
dotnet "$host" eval spellcheck --data "$work/pairs.tsv" --out "$work/eval.json" "${common[@]}" > "$work/eval.log" 2>&1
eval_end=$(date +%s.%N)

queue=(--Queue:Provider sqlite --Queue:DataDirectory "$work/sqlite")
dotnet "$host" worker "${queue[@]}" "${common[@]}" > "$work/worker.log" 2>&1 &
worker=$!
pids+=("$worker")
until grep -q "started with" "$work/worker.log"; do sleep 0.2; done
qstart=$(date +%s.%N)
dotnet "$host" submit spellcheck --batch "$work/batch.jsonl" "${queue[@]}" "${common[@]}" > /dev/null
until [ "$(sqlite3 "$work/sqlite/nlphost.db" "SELECT COUNT(*) FROM jobs WHERE state IN ('succeeded','failed','dead')")" -ge "$jobs" ]; do sleep 0.2; done
qend=$(sqlite3 "$work/sqlite/nlphost.db" "SELECT MAX(finished_at) / 1000.0 FROM jobs")
failed=$(sqlite3 "$work/sqlite/nlphost.db" "SELECT COUNT(*) FROM jobs WHERE state <> 'succeeded'")
kill -TERM "$worker"; wait "$worker" || true
/usr/bin/python3 -c 'import sys
n, a, b, c, d, failed = int(sys.argv[1]), *map(float, sys.argv[2:6]), sys.argv[6]
e, q = n / (b - a), n / (d - c)
print(f"eval in-process : {b - a:8.2f} s  {e:8.1f} sentences/s")
print(f"queue, 1 worker : {d - c:8.2f} s  {q:8.1f} sentences/s  (not succeeded: {failed})")
print(f"ratio queue/eval: {q / e:.2f} (target >= 0.8)")' "$jobs" "$start" "$eval_end" "$qstart" "$qend" "$failed"
