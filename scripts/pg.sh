#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster from Debian's server binaries in a temporary
# folder and print its DATABASE_URL; `scripts/pg.sh stop DIR` stops and removes it.
# PostgreSQL refuses to run as root, so under root the cluster belongs to `postgres`.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "${1:-}" = "stop" ]; then
  DIR=$2
  if [ -d "$DIR/data" ]; then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    else "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
  fi
  rm -rf "$DIR"
  exit 0
fi
DIR=$(mktemp -d /tmp/thidua-pg.XXXXXX)
PORT=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$DIR"
fi
run "$BIN/initdb" -D "$DIR/data" -U thidua --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1
# Durability is irrelevant for a test cluster; these settings make it several times faster.
run "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
echo "DIR=$DIR"
echo "DATABASE_URL=postgres://thidua@127.0.0.1:$PORT/thidua"
run "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U thidua thidua
