#!/usr/bin/env bash
# The long form of the chaos soak (issue 18; tests/NlpHost.Tests/Queue/ChaosSoakTests.cs is the bounded one): three
# 'nlphost worker' hosts on one PostgreSQL queue, one of them with its wall clock ten minutes ahead (libfaketime),
# N jobs of the fixture task 'sleep' (tests/Fixtures/QueueProbePlugin) with random durations, submitted through an
# 'nlphost serve' (POST /v1/jobs/batch, 1,000 a request), while a killer SIGKILLs a random host every 2-4 s and
# restarts it at once. Killing stops after the duration; the survivors finish the queue. Then every job must be
# succeeded exactly once: its stored result names its own marker and a run that recorded its end, and no job ran
# more often than its recorded attempts; none lost (all N present), none stuck (none queued or running).
# Durations are drawn uniformly from 0 to 2 × the mean that makes N jobs last about the duration on 6 slots.
# Worker settings: the chaos test's (Concurrency 2, LeaseSeconds 2, HeartbeatSeconds 0.5), Worker:PrefetchCount as
# configured (default 64; SOAK_PREFETCH), so a killed host loses its prefetched jobs too until their leases expire.
# Usage: bench/queue-soak.sh [N] [minutes]   (default 10000 10; short form: 1000 2). PostgreSQL from NLPHOST_TEST_POSTGRES.
# BENCH_NO_BUILD=1: use the existing Release build. Exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-10000}"
minutes="${2:-10}"
[ -z "${NLPHOST_TEST_POSTGRES:-}" ] && { echo "set NLPHOST_TEST_POSTGRES (e.g. from .ci/postgres.sh)" >&2; exit 2; }
. bench/lib/queue-probe.sh
faketime=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
new_schema soak
mkdir -p "$work/executions"
queue=("${pg_queue[@]}"
       --Plugins:Path "$work/plugins" --Plugins:sleep:LogDirectory "$work/executions" --Backbone:ExecutionProvider cpu
       --Logging:LogLevel:NlpHost.Queue.Internal.Execution Warning)
workers=(--Worker:Concurrency 2 --Worker:LeaseSeconds 2 --Worker:HeartbeatSeconds 0.5 --Worker:PollMilliseconds 50
         --Worker:ShutdownGraceSeconds 2 --Worker:BreakerMinimumThroughput 100000 --Worker:PrefetchCount "${SOAK_PREFETCH:-64}")
count() { PGOPTIONS="-c search_path=$schema" psql_pg -c "SELECT count(*) FROM jobs WHERE $1"; }

declare -A host_pid host_log
start_host() {
  local id="$1"
  host_log[$id]="$work/$id-$(date +%s%N).log"
  if [ "$id" = w3 ] && [ -r "$faketime" ]; then
    LD_PRELOAD="$faketime" FAKETIME=+10m FAKETIME_DONT_FAKE_MONOTONIC=1 \
      dotnet "$host" worker "${queue[@]}" "${workers[@]}" --Worker:WorkerId "$id" > "${host_log[$id]}" 2>&1 &
  else
    dotnet "$host" worker "${queue[@]}" "${workers[@]}" --Worker:WorkerId "$id" > "${host_log[$id]}" 2>&1 &
  fi
  host_pid[$id]=$!
  pids+=("$!")
}
for id in w1 w2 w3; do start_host "$id"; done
port=$((20000 + RANDOM % 20000))
dotnet "$host" serve --urls "http://127.0.0.1:$port" --Api:RunWorker false "${queue[@]}" > "$work/serve.log" 2>&1 &
pids+=("$!")
until curl -sf "http://127.0.0.1:$port/health/live" >/dev/null; do sleep 0.2; done
[ -r "$faketime" ] && skew="w3 ten minutes ahead (libfaketime)" || skew="$faketime missing: w3 on the real clock"

max_ms=$(python3 -c "print(max(1, int(2 * 6 * $minutes * 60 * 1000 / $jobs)))")
python3 - "$jobs" "$max_ms" "$work" <<'PY'
import json, random, sys
n, max_ms, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(18)
jobs = [{"task": "sleep", "input": {"marker": f"soak-{i:05d}"}, "options": {"ms": rng.randint(0, max_ms)}} for i in range(n)]
for k in range(0, n, 1000):
    with open(f"{work}/batch-{k // 1000:03d}.json", "w") as f:
        json.dump({"jobs": jobs[k:k + 1000]}, f)
PY
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u '+%F %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jobs: $jobs, durations 0-$max_ms ms, killing for $minutes min, prefetch ${SOAK_PREFETCH:-64}; $skew"
started=$(date +%s.%N)
for file in "$work"/batch-*.json; do
  code=$(curl -s -o "$work/submit.out" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$file" "http://127.0.0.1:$port/v1/jobs/batch")
  [ "$code" = 202 ] || { echo "submit failed ($code): $(cat "$work/submit.out")" >&2; exit 1; }
done

kills=0
kill_until=$(( $(date +%s) + minutes * 60 ))
deadline=$(( kill_until + 10 * 60 ))
while [ "$(count "state IN ('queued', 'running')")" -gt 0 ]; do
  [ "$(date +%s)" -gt "$deadline" ] && { echo "stuck: not done 10 minutes after the killing stopped" >&2; exit 1; }
  sleep "$(python3 -c 'import random; print(random.uniform(2, 4))')"
  [ "$(date +%s)" -ge "$kill_until" ] && continue
  victim="w$((1 + RANDOM % 3))"
  grep -q "started with" "${host_log[$victim]}" || continue
  kill -KILL "${host_pid[$victim]}" 2>/dev/null || true
  wait "${host_pid[$victim]}" 2>/dev/null || true
  kills=$((kills + 1))
  start_host "$victim"
done
finished=$(date +%s.%N)

PGOPTIONS="-c search_path=$schema" psql_pg -c "COPY (SELECT input, state, attempts, result, lease_owner, finished_at, created_at FROM jobs) TO STDOUT WITH CSV" > "$work/jobs.csv"
python3 - "$jobs" "$kills" "$started" "$finished" "$work" <<'PY'
import collections, csv, json, os, sys
n, kills, started, finished, work = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
rows = list(csv.reader(open(f"{work}/jobs.csv")))
runs = collections.defaultdict(lambda: collections.defaultdict(set))
for name in os.listdir(f"{work}/executions"):
    marker, event, run = name.split(".")
    runs[marker][event].add(run)
problems, attempts, owners = [], collections.Counter(), collections.Counter()
for input_, state, tries, result, owner, finished_at, created_at in rows:
    marker = json.loads(input_)["marker"]
    tries = int(tries)
    attempts[tries] += 1
    owners[owner.split("/")[0]] += 1
    out = json.loads(result) if result else {}
    if state != "succeeded": problems.append(f"{marker}: {state}")
    elif out.get("marker") != marker: problems.append(f"{marker}: result names {out.get('marker')}")
    elif out.get("run") not in runs[marker]["end"]: problems.append(f"{marker}: stored run {out.get('run')} never recorded its end")
    if len(runs[marker]["start"]) > tries: problems.append(f"{marker}: {len(runs[marker]['start'])} executions, {tries} attempts")
markers = {json.loads(r[0])["marker"] for r in rows}
missing = n - len(markers)
if missing: problems.append(f"{missing} jobs missing")
last = max(int(r[5]) for r in rows if r[5]) / 1000
first = min(int(r[6]) for r in rows) / 1000
starts = sum(len(r["start"]) for r in runs.values())
print(f"jobs {len(rows)}, kills {kills}, redeliveries {sum((k - 1) * v for k, v in attempts.items())} "
      f"(jobs with more than one attempt: {sum(v for k, v in attempts.items() if k > 1)}), max attempts {max(attempts)}, "
      f"executions started {starts} (unfinished {starts - sum(len(r['end']) for r in runs.values())})")
print("attempts: " + ", ".join(f"{v} × {k}" for k, v in sorted(attempts.items())) + "; results by host: " + ", ".join(f"{k} {v}" for k, v in sorted(owners.items())))
print(f"duration: {finished - started:.0f} s wall (submit to all final), {last - first:.0f} s first enqueue to last finish; "
      f"{len(rows) / (last - first):.1f} jobs/s")
print("checks: " + ("every job succeeded exactly once, none lost, none stuck" if not problems else f"{len(problems)} FAILED, e.g. " + "; ".join(problems[:5])))
sys.exit(1 if problems else 0)
PY
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
