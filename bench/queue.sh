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
# Worker settings: defaults (Concurrency 2 per host, BENCH_CONCURRENCY to change it) but PrefetchCount 64 (BENCH_PREFETCH; the product default is 0)
# except Worker:PollMilliseconds 100 and per-job log lines off. Each row also gives CPU ms per job of the workers and
# of the PostgreSQL server, and how busy the machine was (bench/lib/queue-run.sh). The grid over slots and prefetch
# is bench/queue-curve.sh.
# BENCH_NO_BUILD=1: use the existing Release build.
# BENCH_DASHBOARD=1: also, per setup, an 'nlphost serve --Api:RunWorker false' on the same queue with one headless
# Chromium showing its dashboard overview (polling every 2 s) for the whole run, to see what an open dashboard costs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-2000}"
setups="${BENCH_SETUPS:-sqlite,pg1,pg3}"
. bench/lib/queue-probe.sh
seq 1 "$jobs" | sed 's/.*/{"marker":"m&"}/' > "$work/batch.jsonl"
common=(--Plugins:Path "$work/plugins" --Backbone:ExecutionProvider cpu --Worker:PollMilliseconds 100 --Worker:Concurrency "${BENCH_CONCURRENCY:-2}"
        --Worker:PrefetchCount "${BENCH_PREFETCH:-64}"
        --Logging:LogLevel:NlpHost.Queue.Internal.Execution Warning)

. bench/lib/queue-run.sh

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); date: $(date -u +%F); jobs: $jobs; concurrency: ${BENCH_CONCURRENCY:-2}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
run_header
case ",$setups," in *,sqlite,*) run sqlite 1 --Queue:Provider sqlite --Queue:DataDirectory "$work/sqlite" ;; esac
if [ -z "${NLPHOST_TEST_POSTGRES:-}" ]; then
  echo "postgres: skipped (set NLPHOST_TEST_POSTGRES, e.g. from .ci/postgres.sh)"
  exit 0
fi
for hosts in 1 3; do
  case ",$setups," in *,pg$hosts,*) ;; *) continue ;; esac
  new_schema bench
  run postgres "$hosts" "${pg_queue[@]}"
done
