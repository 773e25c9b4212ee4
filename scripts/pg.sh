#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a directory of its own, for the tests and the benchmarks.
#
#   scripts/pg.sh start DIR   initdb in DIR/data, start the server with its Unix socket in DIR (no TCP),
#                             create the database (PG_DATABASE, default strikewatch_test) and print its
#                             SQLAlchemy URL: postgresql+psycopg://postgres@/strikewatch_test?host=DIR
#   scripts/pg.sh url DIR     print that URL again
#   scripts/pg.sh stop DIR    stop the server (removing DIR is the caller's job)
#   scripts/pg.sh with VAR CMD...
#                             run CMD with VAR set to the URL of a cluster started for it in a fresh
#                             temporary DIR, then stop the cluster and remove DIR whatever CMD did;
#                             CMD's exit code is pg.sh's. With VAR already set, just run CMD.
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user that
# Debian's postgresql package creates; as anyone else it runs as you. The server binaries are found
# in PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian), else on PATH.
# The cluster trusts every local connection and does not fsync: it is for tests only.
set -euo pipefail

PG_DATABASE=${PG_DATABASE:-strikewatch_test}

die() { echo "pg.sh: $*" >&2; exit 1; }

find_bin() {
    if [[ -n ${PG_BIN:-} ]]; then
        echo "$PG_BIN"
        return
    fi
    local dir
    dir=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ -n $dir && -x $dir/initdb ]]; then
        echo "$dir"
    elif command -v pg_ctl >/dev/null; then
        dirname "$(command -v pg_ctl)"
    else
        die "PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN; make test does it)"
    fi
}

# Run a server command as the cluster's owner.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

url() { echo "postgresql+psycopg://postgres@/$PG_DATABASE?host=$1"; }

start() {
    local dir=$1 bin
    bin=$(find_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as (apt-get install postgresql)"
        chown postgres: "$dir"
        runuser -u postgres -- test -w "$dir" || die "user postgres cannot reach $dir (a parent folder is closed to it)"
    fi
    chmod 700 "$dir"
    # A Unix socket path is at most 107 bytes.
    [[ ${#dir} -le 80 ]] || die "$dir is too long a path for the server's Unix socket"
    if [[ ! -f $dir/data/PG_VERSION ]]; then
        as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
        cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { cat "$dir/server.log" >&2; die "the server did not start"; }
    "$bin/psql" -h "$dir" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 \
        -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" | grep -q 1 \
        || "$bin/createdb" -h "$dir" -U postgres "$PG_DATABASE"
    url "$dir"
}

stop() {
    local dir=$1 bin
    [[ -f $dir/data/postmaster.pid ]] || return 0
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

with() {
    local var=$1 dir status=0
    shift
    if [[ -n ${!var:-} ]]; then
        "$@" || status=$?
        exit "$status"
    fi
    dir=$(mktemp -d /tmp/strikewatch-pg.XXXXXX)
    # shellcheck disable=SC2064  # expand dir now: the trap outlives this function's locals
    trap "stop '$dir' || echo 'pg.sh: could not stop PostgreSQL in $dir' >&2; rm -rf '$dir'" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    export "$var=$(start "$dir")"
    [[ -n ${!var} ]] || die "PostgreSQL did not start in $dir"
    echo "pg.sh: PostgreSQL at ${!var}" >&2
    "$@" || status=$?
    exit "$status"
}

case ${1:-} in
    with)
        [[ $# -ge 3 ]] || die "usage: $0 with VAR CMD..."
        shift
        with "$@"
        ;;
    start | stop)
        [[ $# -eq 2 ]] || die "usage: $0 start|stop|url DIR"
        "$1" "$2"
        ;;
    url)
        [[ $# -eq 2 && -d $2 ]] || die "usage: $0 start|stop|url DIR"
        url "$(cd "$2" && pwd)"
        ;;
    *) die "usage: $0 start|stop|url DIR" ;;
esac
