#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those missing:
#   postgresql   initdb/pg_ctl under /usr/lib/postgresql/*/bin, for scripts/pg.sh
#   chromium     /usr/bin/chromium, the browser the Playwright tests drive (never `playwright install`)
# `apt-get update` runs once, and only when something is missing. Needs root (or sudo).
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

sudo=()
if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "system-deps.sh: need root to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "system-deps.sh: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
