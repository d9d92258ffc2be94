#!/usr/bin/env bash
# The whole test suite: ruff, pytest on SQLite, pytest on a throw-away PostgreSQL,
# the browser tests against a live server in Debian's Chromium, then the production
# stage (scripts/prod_stage.sh): the documented deployment served by nginx and gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
PY=.venv/bin
export PYTHONHASHSEED=0 DJANGO_ALLOW_ASYNC_UNSAFE=true
WORKERS=${TEST_WORKERS:-2}

echo ">> ruff"
$PY/ruff check .

echo ">> pytest on SQLite"
env -u DATABASE_URL $PY/pytest -m "not e2e and not perf and not prod" -n "$WORKERS" -q "$@"

echo ">> pytest on PostgreSQL"
pg=$(scripts/pg.sh)
PGDIR=$(echo "$pg" | sed -n 's/^DIR=//p')
trap 'scripts/pg.sh stop "$PGDIR"' EXIT
DATABASE_URL=$(echo "$pg" | sed -n 's/^DATABASE_URL=//p') $PY/pytest -m "not e2e and not perf and not prod" -n "$WORKERS" -q "$@"
scripts/pg.sh stop "$PGDIR" && trap - EXIT

echo ">> browser tests (Chromium)"
# Two browsers at once: each test waits on pages as much as it computes.
env -u DATABASE_URL $PY/pytest -m e2e -n "$WORKERS" -q "$@"

echo ">> production stage (nginx, gunicorn, worker, PostgreSQL)"
scripts/prod_stage.sh
