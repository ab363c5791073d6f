# Sourced by the queue benches (queue.sh, queue-latency.sh): a scratch folder with the trivial 'noop' task's plugin
# (tests/Fixtures/QueueProbePlugin, built beforehand), and one cleanup on exit that kills every process recorded in
# `pids` and drops every PostgreSQL schema recorded in `schemas` (psql_pg from bench/lib/psql.sh). Sets: host, work.
host=src/NlpHost/bin/Release/net10.0/nlphost.dll
work="$(mktemp -d)"
pids=()
schemas=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for schema in "${schemas[@]}"; do psql_pg -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/plugins/QueueProbePlugin"
cp tests/Fixtures/QueueProbePlugin/bin/Release/net10.0/* "$work/plugins/QueueProbePlugin/"
. bench/lib/psql.sh
