#!/usr/bin/env bash
# Benchmarks at province size on SQLite and PostgreSQL (tests/perf); prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
PY=.venv/bin
env -u DATABASE_URL $PY/python -m tests.perf.bench --db sqlite "$@"
pg=$(scripts/pg.sh)
PGDIR=$(echo "$pg" | sed -n 's/^DIR=//p')
trap 'scripts/pg.sh stop "$PGDIR"' EXIT
DATABASE_URL=$(echo "$pg" | sed -n 's/^DATABASE_URL=//p') $PY/python -m tests.perf.bench --db postgresql "$@"
