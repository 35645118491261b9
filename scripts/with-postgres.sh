#!/usr/bin/env bash
# Runs a command against a private, throwaway PostgreSQL 15 cluster on 127.0.0.1:${PGPORT:-5433}.
# Installs PostgreSQL from Debian packages when it is missing (needs root, as in CI). The command sees
# TEST_DATABASE_URL (the e2e suite creates one fresh database per test app in it) and DATABASE_URL.
set -euo pipefail
PGPORT="${PGPORT:-5433}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL not found; installing it from Debian packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
DATA="$(mktemp -d /tmp/sessions-hub-pg.XXXXXX)"
chown postgres "$DATA" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$PGBIN/initdb" -D "$DATA/data" --auth=trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DATA/data" -l "$DATA/log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DATA -c fsync=off -c max_connections=300" start >/dev/null
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$DATA/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export DATABASE_URL="$TEST_DATABASE_URL"
"$@"
