#!/usr/bin/env bash
# Queue bookkeeping throughput as a curve (issue 18): jobs/s of M trivial 'noop' jobs, as bench/queue.sh measures them
# (bench/lib/queue-run.sh: fresh queue, ready workers, one 'nlphost submit --batch', timed to the last finished_at),
# over a grid of Worker:Concurrency × Worker:PrefetchCount for SQLite and PostgreSQL with one host each; then
# PostgreSQL with three hosts at the best one-host setting, and one labelled extra row: PostgreSQL, one host, best
# setting, on a database of its own with synchronous_commit = off (ALTER DATABASE ... SET: that database only).
# Each row gives the workers' and the PostgreSQL server's CPU ms per job and how busy the machine was, to tell a
# CPU-bound point from a round-trip-bound one.
# Usage: bench/queue-curve.sh [M]   (default 10000)
#   CURVE_SLOTS (default "2 8 16 32"), CURVE_PREFETCH (default "0 64 256"), CURVE_SETUPS (default sqlite,pg1,pg3,async).
#   A prefetch above 64 also raises Worker:LeaseBatchSize to half of it, so that deeper prefetch means bigger batches.
#   BENCH_NO_BUILD=1: use the existing Release build. PostgreSQL from NLPHOST_TEST_POSTGRES; the async row creates
#   and drops a database as the postgres OS user (runuser, as .ci/postgres.sh does), so it needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-10000}"
setups="${CURVE_SETUPS:-sqlite,pg1,pg3,async}"
. bench/lib/queue-probe.sh
seq 1 "$jobs" | sed 's/.*/{"marker":"m&"}/' > "$work/batch.jsonl"
common=(--Plugins:Path "$work/plugins" --Backbone:ExecutionProvider cpu --Worker:PollMilliseconds 100
        --Logging:LogLevel:NlpHost.Queue.Internal.Execution Warning)
. bench/lib/queue-run.sh
async_db=nlphost_bench_async

# settings <slots> <prefetch>: the worker arguments of one grid point.
settings() {
  local lease=$(( $2 / 2 > 32 ? $2 / 2 : 32 ))
  worker_args=(--Worker:Concurrency "$1" --Worker:PrefetchCount "$2" --Worker:LeaseBatchSize "$lease")
}

# pg <label> <hosts> [connection string]: one PostgreSQL row on a fresh schema.
pg() {
  local connection="${3:-$NLPHOST_TEST_POSTGRES}"
  new_schema bench "$connection"
  NLPHOST_TEST_POSTGRES="$connection" run "$1" "$2" "${pg_queue[@]}"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u '+%F %H:%M UTC'); jobs: $jobs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
run_header
: > "$work/rows"
# row <command...>: runs one setup and keeps its row (not through a pipe: run must add to pids and schemas here).
row() { "$@" > "$work/row"; cat "$work/row"; cat "$work/row" >> "$work/rows"; }
for slots in ${CURVE_SLOTS:-2 8 16 32}; do
  for prefetch in ${CURVE_PREFETCH:-0 64 256}; do
    settings "$slots" "$prefetch"
    case ",$setups," in *,sqlite,*) rm -rf "$work/sqlite"; row run sqlite 1 --Queue:Provider sqlite --Queue:DataDirectory "$work/sqlite" ;; esac
    if [ -n "${NLPHOST_TEST_POSTGRES:-}" ]; then
      case ",$setups," in *,pg1,*) row pg postgres 1 ;; esac
    fi
  done
done
[ -z "${NLPHOST_TEST_POSTGRES:-}" ] && { echo "postgres: skipped (set NLPHOST_TEST_POSTGRES, e.g. from .ci/postgres.sh)"; exit 0; }

# The best one-host PostgreSQL point (highest jobs/s) for the three-host and asynchronous-commit rows.
best=$(awk '$1 == "postgres" && $2 == 1 {print $9, $3, $4}' "$work/rows" | sort -rn | head -1 | cut -d' ' -f2-)
[ -z "$best" ] && best="16 64"
settings $best
case ",$setups," in *,pg3,*) pg postgres 3 ;; esac
case ",$setups," in *,async,*)
  as_postgres() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAX "$@"; }
  as_postgres -c "DROP DATABASE IF EXISTS $async_db" >/dev/null 2>&1
  as_postgres -c "CREATE DATABASE $async_db OWNER $(NLPHOST_TEST_POSTGRES="$NLPHOST_TEST_POSTGRES" psql_pg -c 'SELECT current_user')" >/dev/null
  as_postgres -c "ALTER DATABASE $async_db SET synchronous_commit = off" >/dev/null
  trap 'as_postgres -c "DROP DATABASE IF EXISTS $async_db" >/dev/null 2>&1 || true; cleanup' EXIT
  pg "pg-sync-off" 1 "$(sed "s/Database=[^;]*/Database=$async_db/" <<< "$NLPHOST_TEST_POSTGRES")"
  ;;
esac
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
