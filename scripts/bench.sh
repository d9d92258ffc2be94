#!/usr/bin/env bash
# Benchmarks at province size on SQLite and PostgreSQL (tests/perf/bench.py, with the
# 10,000-row import confirm); prints tables. Then the load test of issue 10
# (tests/perf/load.py): the production stage (scripts/prod_stage.sh: the shipped nginx site
# over https, gunicorn from its unit with 4 workers, PostgreSQL), once seeded with
# `province` and once with `small`, each running the locustfile's 50 users; then the tables
# of both runs and province/small from the kept samples. Exits 1 when a benchmark missed a
# goal it holds (its "GOAL MISSED" lines), after running everything.
#
#   make bench                                      everything (the load test: 1 min warm-up, 5 min measured)
#   make bench LOAD_ARGS="--warmup 10 --measure 60" a shorter load test
#   make bench BENCH_ONLY=load                      only the load test (BENCH_ONLY=pages: only the others)
#   make bench LOAD_KEEP=/tmp/load                  keep the load test's plans, samples and logs there
#                                                   (`.venv/bin/python -m tests.perf.load report /tmp/load`
#                                                   prints the tables again)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
PY=.venv/bin
ONLY=${BENCH_ONLY:-}
missed=0
if [ "$ONLY" != "load" ]; then
  env -u DATABASE_URL $PY/python -m tests.perf.bench --db sqlite "$@" || missed=1
  pg=$(scripts/pg.sh)
  PGDIR=$(echo "$pg" | sed -n 's/^DIR=//p')
  trap 'scripts/pg.sh stop "$PGDIR"' EXIT
  DATABASE_URL=$(echo "$pg" | sed -n 's/^DATABASE_URL=//p') $PY/python -m tests.perf.bench --db postgresql "$@" || missed=1
  scripts/pg.sh stop "$PGDIR" && trap - EXIT
fi
if [ "$ONLY" != "pages" ]; then
  KEEP=${LOAD_KEEP:-$(mktemp -d /tmp/thidua-load.XXXXXX)}
  [ -n "${LOAD_KEEP:-}" ] || trap 'rm -rf "$KEEP"' EXIT
  for preset in province small; do
    echo ">> load test on $preset: the production stage with 4 gunicorn workers"
    # shellcheck disable=SC2086 # LOAD_ARGS is a list of options
    scripts/prod_stage.sh --preset "$preset" --workers 4 \
      --run $PY/python -m tests.perf.load run --preset "$preset" --keep "$KEEP" ${LOAD_ARGS:-}
  done
  $PY/python -m tests.perf.load report "$KEEP"
fi
if [ "$missed" != 0 ]; then
  echo "make bench: a benchmark failed or missed its goal (see GOAL MISSED above)" >&2
  exit 1
fi
