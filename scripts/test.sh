#!/usr/bin/env bash
# Runs the test suite (make test calls this once the venv and the Debian packages are in place).
#
#   scripts/test.sh [PYTEST ARGS...]      e.g. scripts/test.sh tests/test_dates.py -k iso
#
# Starts a throwaway PostgreSQL cluster in a temporary directory (scripts/pg.sh), exports
#   STRIKEWATCH_TEST_PG_URL   SQLAlchemy URL of an empty database in it
#   CHROMIUM_PATH             Debian's Chromium, for the Playwright tests
# runs pytest, and always stops the cluster and removes the directory. pytest's exit code is ours;
# "no tests collected" (pytest's 5) is a failure. With STRIKEWATCH_TEST_PG_URL already set, that
# database is used and no cluster is started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

# the cluster's start, stop and clean-up are pg.sh's: this script runs again inside it
[[ -n ${STRIKEWATCH_TEST_PG_URL:-} ]] || exec bash scripts/pg.sh with STRIKEWATCH_TEST_PG_URL bash scripts/test.sh "$@"

status=0
.venv/bin/pytest -q "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "test.sh: FAILED: pytest collected no tests (exit code 5)" >&2
fi
exit "$status"
