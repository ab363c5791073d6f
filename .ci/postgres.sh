#!/usr/bin/env bash
# Installs and starts a local PostgreSQL for the NlpHost.Queue tests, idempotently, and prints the
# connection string to use as NLPHOST_TEST_POSTGRES, e.g.:
#   export NLPHOST_TEST_POSTGRES="$(.ci/postgres.sh | tail -n1)"
# Overridable: PG_USER (nlphost), PG_PASSWORD (nlphost), PG_DB (nlphost_test), PG_PORT (5432).
set -euo pipefail

PG_USER="${PG_USER:-nlphost}"
PG_PASSWORD="${PG_PASSWORD:-nlphost}"
PG_DB="${PG_DB:-nlphost_test}"
PG_PORT="${PG_PORT:-5432}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing postgresql..." >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  $SUDO pg_createcluster "$version" main --port "$PG_PORT" >&2
fi
if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -qx online; then
  $SUDO pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $3}')"

for _ in $(seq 1 30); do
  if as_postgres pg_isready -q -p "$port"; then break; fi
  sleep 1
done

psql_admin() { as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'" >&2
else
  psql_admin -c "ALTER ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\"" >&2
fi

echo "Host=localhost;Port=$port;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD"
