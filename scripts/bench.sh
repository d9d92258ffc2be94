#!/usr/bin/env bash
# Benchmarks at province size on SQLite and PostgreSQL (tests/perf); prints tables.
# Then the load test of issue 10 (tests/perf/load.py): the locustfile's 50 users against
# gunicorn with production settings on PostgreSQL, `province` and `small` presets.
#
#   make bench                                      everything (the load test: 1 min warm-up, 5 min measured)
#   make bench LOAD_ARGS="--warmup 10 --measure 60" a shorter load test
#   make bench BENCH_ONLY=load                      only the load test (BENCH_ONLY=pages: only the others)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
PY=.venv/bin
ONLY=${BENCH_ONLY:-}
if [ "$ONLY" != "load" ]; then
  env -u DATABASE_URL $PY/python -m tests.perf.bench --db sqlite "$@"
fi
pg=$(scripts/pg.sh)
PGDIR=$(echo "$pg" | sed -n 's/^DIR=//p')
trap 'scripts/pg.sh stop "$PGDIR"' EXIT
DATABASE_URL=$(echo "$pg" | sed -n 's/^DATABASE_URL=//p')
if [ "$ONLY" != "load" ]; then
  DATABASE_URL=$DATABASE_URL $PY/python -m tests.perf.bench --db postgresql "$@"
fi
if [ "$ONLY" != "pages" ]; then
  # shellcheck disable=SC2086 # LOAD_ARGS is a list of options
  $PY/python -m tests.perf.load --database-url "$DATABASE_URL" ${LOAD_ARGS:-}
fi
