#!/usr/bin/env bash
# Regenerates the hashed lock files from their sources (make lock):
#   requirements.in       -> requirements.txt       (runtime, plus pip/setuptools/wheel for the build)
#   requirements-test.in  -> requirements-test.txt  (runtime + test, same versions as requirements.txt)
# pip-tools runs from a scratch venv (build/lock-venv), never from .venv. Packages are resolved
# against PyPI only: machine-wide pip settings (local mirrors, find-links, constraints) are ignored
# so that the locks are the same wherever they are made.
#   scripts/lock.sh                      keep current pins where the sources allow
#   scripts/lock.sh --upgrade            move everything to the newest allowed versions
#   scripts/lock.sh --upgrade-package X  move X only
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# An old pip under pip-tools loses dependencies that come through extras (justext needs
# lxml[html_clean]), so both are pinned here.
TOOLS=(pip==26.3 pip-tools==7.6.2)
venv=build/lock-venv
if [[ ! -f $venv/.tools ]] || [[ "$(cat "$venv/.tools")" != "${TOOLS[*]}" ]]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q "${TOOLS[@]}"
    echo "${TOOLS[*]}" >"$venv/.tools"
fi

export CUSTOM_COMPILE_COMMAND="make lock"

compile() {
    env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT \
        PIP_CONFIG_FILE=/dev/null \
        "$venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
        --no-emit-index-url --no-emit-find-links "$@"
}

compile "$@" -o requirements.txt requirements.in
compile "$@" -o requirements-test.txt requirements-test.in
if grep -qiE '^(torch|nvidia-)' requirements.txt requirements-test.txt; then
    echo "lock.sh: torch or CUDA packages crept into the locks; find what pulls them in" >&2
    exit 1
fi
echo "lock.sh: $(grep -cE '^[a-z0-9]' requirements.txt) runtime and" \
    "$(grep -cE '^[a-z0-9]' requirements-test.txt) test pins"
