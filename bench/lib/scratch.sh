# Sourced by the queue benches: the Release host, a scratch folder, and one cleanup on exit that kills every process
# recorded in `pids` and drops every PostgreSQL schema recorded in `schemas` (psql_pg from bench/lib/psql.sh).
# Sets: host, work, pids, schemas; defines new_schema.
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

# new_schema <prefix> [connection]: a fresh PostgreSQL schema for one queue (default connection NLPHOST_TEST_POSTGRES).
# Sets `schema`, and `pg_queue`, the host arguments for a queue in it. Schemas on the default connection are dropped
# on exit; a caller that gives another connection drops that database itself.
new_schema() {
  local connection="${2:-$NLPHOST_TEST_POSTGRES}"
  schema="${1}_$(date +%s%N)"
  NLPHOST_TEST_POSTGRES="$connection" psql_pg -c "CREATE SCHEMA $schema" >/dev/null
  [ "$connection" = "$NLPHOST_TEST_POSTGRES" ] && schemas+=("$schema")
  pg_queue=(--Queue:Provider postgres --Queue:ConnectionString "$connection;Search Path=$schema")
}
