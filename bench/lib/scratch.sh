# Sourced by the queue benches: the Release host, a scratch folder, and one cleanup on exit that kills every process
# recorded in `pids` and drops every PostgreSQL schema recorded in `schemas` (psql_pg from bench/lib/psql.sh).
# Sets: host, work, pids, schemas.
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
. bench/lib/psql.sh
