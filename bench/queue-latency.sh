#!/usr/bin/env bash
# Submit-to-start latency for an idle worker: polling (Worker:Notifications false) against wake-ups (true), on the
# default poll interval (Worker:PollMilliseconds 1000). Per setup: one host, idle, then N single jobs of the trivial
# 'noop' task submitted one at a time, 0.3 s apart (so each finds the worker idle, at a random point of its poll
# cycle). Latency = started_at - created_at of each job, both stamped by the database (PostgreSQL's now()) or by the
# one host (SQLite), so no process start-up is in it.
#   postgres: a 'nlphost worker' process; jobs from 'nlphost submit' (another process: LISTEN/NOTIFY).
#   sqlite:   a 'nlphost serve' that runs the worker; jobs POSTed to its /v1/jobs (same process: in-process signal;
#             SQLite has no cross-process channel, so 'nlphost submit' from another process still waits for the poll).
# Usage: bench/queue-latency.sh [N]   (default 20). PostgreSQL from NLPHOST_TEST_POSTGRES, skipped without it.
# BENCH_NO_BUILD=1: use the existing Release build (e.g. while a test run holds the build outputs).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
. bench/lib/queue-probe.sh
echo '{"marker":"latency"}' > "$work/job.json"
common=(--Plugins:Path "$work/plugins" --Backbone:ExecutionProvider cpu --Logging:LogLevel:NlpHost.Queue.Internal.Execution Warning)


# Percentiles (nearest rank) of the latencies in ms on standard input: "p50 p95 max".
percentiles() {
  sort -n | awk '{v[NR]=$1} END {p50=v[int((NR+1)*0.50)]; p95=v[int(NR*0.95+0.999)]; printf "%-8.0f %-8.0f %-8.0f\n", p50, p95, v[NR]}'
}

row() { printf '%-10s %-14s %-4s ' "$1" "$2" "$n"; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-14s %-4s %-8s %-8s %-8s\n' queue wake-up jobs p50_ms p95_ms max_ms
for notify in false true; do
  label=$([ "$notify" = true ] && echo in-process || echo poll-1000ms)
  dir="$work/sqlite-$notify"
  port=$((20000 + RANDOM % 20000))
  dotnet "$host" serve --urls "http://127.0.0.1:$port" --Queue:Provider sqlite --Queue:DataDirectory "$dir" \
    --Worker:Notifications "$notify" "${common[@]}" > "$work/serve-$notify.log" 2>&1 &
  pid=$!; pids+=("$pid")
  until curl -sf "http://127.0.0.1:$port/health/live" >/dev/null; do sleep 0.2; done
  sleep 2
  for _ in $(seq 1 "$n"); do
    curl -sf -X POST -H 'Content-Type: application/json' -d '{"task":"noop","input":{"marker":"latency"}}' \
      "http://127.0.0.1:$port/v1/jobs" >/dev/null
    sleep 0.3
  done
  sleep 1.5
  row sqlite "$label"
  sqlite3 "$dir/nlphost.db" "SELECT started_at - created_at FROM jobs" | percentiles
  kill -TERM "$pid"; wait "$pid" || true
done
if [ -z "${NLPHOST_TEST_POSTGRES:-}" ]; then
  echo "postgres: skipped (set NLPHOST_TEST_POSTGRES, e.g. from .ci/postgres.sh)"
  exit 0
fi
for notify in false true; do
  label=$([ "$notify" = true ] && echo listen-notify || echo poll-1000ms)
  new_schema latency
  queue=("${pg_queue[@]}")
  dotnet "$host" worker "${queue[@]}" --Worker:Notifications "$notify" "${common[@]}" > "$work/worker-$notify.log" 2>&1 &
  pid=$!; pids+=("$pid")
  until grep -qs "started with" "$work/worker-$notify.log"; do sleep 0.2; done
  sleep 2
  for _ in $(seq 1 "$n"); do
    dotnet "$host" submit noop --input "$work/job.json" "${queue[@]}" "${common[@]}" >/dev/null
    sleep 0.3
  done
  sleep 1.5
  row postgres "$label"
  PGOPTIONS="-c search_path=$schema" psql_pg -c "SELECT started_at - created_at FROM jobs" | percentiles
  kill -TERM "$pid"; wait "$pid" || true
done
