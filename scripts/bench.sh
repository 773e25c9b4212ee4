#!/usr/bin/env bash
# Runs the benchmarks (make bench): every bench/bench_*.py, or the scripts named, one after another
# with the venv's Python from the repository root; the first that fails stops the run. Other
# bench/*.py are helpers the benchmarks import (synthetic.py: the synthetic corpus), not run here.
# Like the tests, they get a throwaway PostgreSQL cluster (scripts/pg.sh):
#   STRIKEWATCH_BENCH_PG_URL   SQLAlchemy URL of an empty database in it
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

shopt -s nullglob
scripts=("$@")
[[ ${#scripts[@]} -gt 0 ]] || scripts=(bench/bench_*.py)
if [[ ${#scripts[@]} -eq 0 ]]; then
    echo "bench.sh: no bench/bench_*.py yet"
    exit 0
fi

if [[ -z ${STRIKEWATCH_BENCH_PG_URL:-} ]]; then
    PGDIR=$(mktemp -d /tmp/strikewatch-pg.XXXXXX)
    cleanup() {
        bash scripts/pg.sh stop "$PGDIR" || echo "bench.sh: could not stop PostgreSQL in $PGDIR" >&2
        rm -rf "$PGDIR"
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    STRIKEWATCH_BENCH_PG_URL=$(PG_DATABASE=strikewatch_bench bash scripts/pg.sh start "$PGDIR")
    export STRIKEWATCH_BENCH_PG_URL
fi

for script in "${scripts[@]}"; do
    echo "== $script"
    .venv/bin/python "$script"
done
