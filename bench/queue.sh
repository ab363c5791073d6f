#!/usr/bin/env bash
# Queue bookkeeping throughput: jobs/s of the trivial 'noop' task (tests/Fixtures/QueueProbePlugin), so what is
# measured is leasing, result writes and polling, not a model. For each setup: a fresh queue, N 'nlphost worker'
# processes started and ready, then M jobs queued in one 'nlphost submit noop --batch' and timed until
# all M are succeeded. The end is the largest finished_at in the database (milliseconds, the workers' clock), not
# the moment a poll saw it, and completion is polled with sqlite3/psql rather than 'nlphost status' (a .NET process
# start every poll would take CPU from the workers on a 2-core box). jobs/s = M / (last finished_at - submit start).
# Setups: SQLite with 1 host; PostgreSQL with 1 and 3 hosts (skipped without a server).
# Usage: bench/queue.sh [M]   (default 2000). BENCH_SETUPS: which of sqlite,pg1,pg3 to run (default all).
# Before/after: copy this script into a checkout of the older commit and run both, alternating (bench/queue-compare.sh). PostgreSQL: NLPHOST_TEST_POSTGRES (Npgsql connection string,
# e.g. from .ci/postgres.sh); each run gets its own schema, dropped afterwards.
# Worker settings: defaults (Concurrency 2 per host; BENCH_CONCURRENCY to change it) except Worker:PollMilliseconds 100
# and per-job log lines off.
# BENCH_DASHBOARD=1: also, per setup, an 'nlphost serve --Api:RunWorker false' on the same queue with one headless
# Chromium showing its dashboard overview (polling every 2 s) for the whole run, to see what an open dashboard costs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-2000}"
dotnet build src/NlpHost -c Release -nologo -v q >/dev/null
dotnet build tests/Fixtures/Fixtures.sln -c Release -nologo -v q >/dev/null
setups="${BENCH_SETUPS:-sqlite,pg1,pg3}"
. bench/lib/queue-probe.sh
seq 1 "$jobs" | sed 's/.*/{"marker":"m&"}/' > "$work/batch.jsonl"
common=(--Plugins:Path "$work/plugins" --Backbone:ExecutionProvider cpu --Worker:PollMilliseconds 100 --Worker:Concurrency "${BENCH_CONCURRENCY:-2}"
        --Logging:LogLevel:NlpHost.Queue.Internal.Execution Warning)

# sql <label> <query>: one value from the setup's queue database.
sql() {
  if [ "$1" = sqlite ]; then sqlite3 "$work/sqlite/nlphost.db" "$2"; else PGOPTIONS="-c search_path=$schema" psql_pg -c "$2"; fi
}

# run <label> <hosts> <queue args...>: prints one table row.
run() {
  local label="$1" hosts="$2"
  shift 2
  local queue=("$@") started=() i
  for i in $(seq 1 "$hosts"); do
    dotnet "$host" worker "${queue[@]}" "${common[@]}" --Worker:WorkerId "bench-$i" > "$work/worker-$i.log" 2>&1 &
    pids+=("$!")
    started+=("$!")
  done
  for i in $(seq 1 "$hosts"); do
    until grep -q "started with" "$work/worker-$i.log"; do sleep 0.2; done
  done
  if [ "${BENCH_DASHBOARD:-0}" = 1 ]; then
    local port=$((20000 + RANDOM % 20000))
    dotnet "$host" serve --urls "http://127.0.0.1:$port" --Api:RunWorker false "${queue[@]}" "${common[@]}" > "$work/serve.log" 2>&1 &
    pids+=("$!"); started+=("$!")
    until curl -sf "http://127.0.0.1:$port/health/live" >/dev/null; do sleep 0.2; done
    chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/chrome-$port" --remote-debugging-port=0 \
      "http://127.0.0.1:$port/#/" > "$work/chromium.log" 2>&1 &
    pids+=("$!"); started+=("$!")
    sleep 5 # the page loads and starts polling before the clock starts
  fi
  local start end submitted count
  start=$(date +%s.%N)
  dotnet "$host" submit noop --batch "$work/batch.jsonl" "${queue[@]}" "${common[@]}" > /dev/null
  submitted=$(date +%s.%N)
  while true; do
    count=$(sql "$label" "SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'")
    [ "${count:-0}" -ge "$jobs" ] && break
    sleep 0.1
  done
  end=$(sql "$label" "SELECT MAX(finished_at) / 1000.0 FROM jobs")
  for pid in "${started[@]}"; do kill -TERM "$pid"; wait "$pid" || true; done
  python3 -c "import sys; l,h,m,a,b,c=sys.argv[1:]; a,b,c=float(a),float(b),float(c); print(f'{l:<12} {h:<6} {m:<6} {b-a:<10.2f} {c-a:<10.2f} {int(m)/(c-a):<8.0f}')" \
    "$label" "$hosts" "$jobs" "$start" "$submitted" "$end"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F); jobs: $jobs; concurrency: ${BENCH_CONCURRENCY:-2}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-6s %-6s %-10s %-10s %-8s\n' queue hosts jobs submit_s total_s jobs/s
case ",$setups," in *,sqlite,*) run sqlite 1 --Queue:Provider sqlite --Queue:DataDirectory "$work/sqlite" ;; esac
if [ -z "${NLPHOST_TEST_POSTGRES:-}" ]; then
  echo "postgres: skipped (set NLPHOST_TEST_POSTGRES, e.g. from .ci/postgres.sh)"
  exit 0
fi
for hosts in 1 3; do
  case ",$setups," in *,pg$hosts,*) ;; *) continue ;; esac
  schema="bench_$(date +%s%N)"
  schemas+=("$schema")
  psql_pg -c "CREATE SCHEMA $schema" >/dev/null
  run postgres "$hosts" --Queue:Provider postgres --Queue:ConnectionString "$NLPHOST_TEST_POSTGRES;Search Path=$schema"
done
