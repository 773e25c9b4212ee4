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

if [[ -z ${STRIKEWATCH_TEST_PG_URL:-} ]]; then
    PGDIR=$(mktemp -d /tmp/strikewatch-pg.XXXXXX)
    cleanup() {
        bash scripts/pg.sh stop "$PGDIR" || echo "test.sh: could not stop PostgreSQL in $PGDIR" >&2
        rm -rf "$PGDIR"
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    STRIKEWATCH_TEST_PG_URL=$(bash scripts/pg.sh start "$PGDIR")
    export STRIKEWATCH_TEST_PG_URL
    echo "test.sh: PostgreSQL at $STRIKEWATCH_TEST_PG_URL"
fi

status=0
.venv/bin/pytest -q "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "test.sh: FAILED: pytest collected no tests (exit code 5)" >&2
fi
exit "$status"
