# Sourced by the queue benches: psql_pg runs psql against the server named by NLPHOST_TEST_POSTGRES, translating
# Npgsql's "Key=Value;..." connection string into psql's environment.
psql_pg() {
  local -A kv=()
  local part key
  IFS=';' read -ra parts <<< "$NLPHOST_TEST_POSTGRES"
  for part in "${parts[@]}"; do
    [ -z "$part" ] && continue
    key="${part%%=*}"
    kv["${key,,}"]="${part#*=}"
  done
  PGHOST="${kv[host]:-localhost}" PGPORT="${kv[port]:-5432}" PGDATABASE="${kv[database]:-}" \
    PGUSER="${kv[username]:-}" PGPASSWORD="${kv[password]:-}" psql -v ON_ERROR_STOP=1 -qtAX "$@"
}
