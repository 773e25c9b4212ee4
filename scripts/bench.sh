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

# the cluster's start, stop and clean-up are pg.sh's: this script runs again inside it
if [[ -z ${STRIKEWATCH_BENCH_PG_URL:-} ]]; then
    PG_DATABASE=strikewatch_bench exec bash scripts/pg.sh with STRIKEWATCH_BENCH_PG_URL bash scripts/bench.sh "${scripts[@]}"
fi

for script in "${scripts[@]}"; do
    echo "== $script"
    .venv/bin/python "$script"
done
