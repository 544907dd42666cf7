#!/usr/bin/env bash
# Project-local PostgreSQL on loopback: installs Debian's server if missing, creates a cluster under a
# git-ignored folder and starts it. Sourced by run.sh and test.sh; prints nothing secret.
#   pg_start <data-dir> <port>   -> exports PG_CONNECTION (admin connection string)
#   pg_stop <data-dir>
set -euo pipefail

pg_bin() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
        echo "PostgreSQL server not found; installing Debian's postgresql package..." >&2
        if [[ $(id -u) -eq 0 ]]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        else
            sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        fi
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$bin"
}

# Runs a PostgreSQL binary as the cluster's owner: initdb refuses root, so root hands over to `postgres`.
pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
    local data=$1 port=$2 bin
    bin=$(pg_bin)
    local root; root=$(dirname "$data")
    mkdir -p "$root"
    local sock="$root/$(basename "$data")-sock" pass="$root/$(basename "$data").password"
    if [[ $(id -u) -eq 0 ]]; then
        # The postgres user must be able to reach the folder (a project under /root cannot hold the cluster).
        install -d -m 700 -o postgres -g postgres "$data" "$sock"
    else
        mkdir -p "$data" "$sock" && chmod 700 "$data"
    fi
    if [[ ! -s "$pass" ]]; then
        head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pass"
        chmod 600 "$pass"
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        local pwfile; pwfile=$(mktemp)
        cp "$pass" "$pwfile"
        if [[ $(id -u) -eq 0 ]]; then chown postgres "$pwfile"; fi
        pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
        rm -f "$pwfile"
    fi
    if ! pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
            -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sock -c max_connections=200" start >/dev/null
    fi
    export PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Password=$(cat "$pass")"
    export PG_DATA="$data"
}

# Creates the database if it is missing (the app would, but EF logs a connection error while finding out).
pg_ensure_database() {
    local port=$1 name=$2 pass
    pass=$(cat "$(dirname "$PG_DATA")/$(basename "$PG_DATA").password")
    if ! PGPASSWORD="$pass" psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        PGPASSWORD="$pass" psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
    fi
}

pg_stop() {
    local data=$1 bin
    bin=$(pg_bin)
    if [[ -f "$data/PG_VERSION" ]]; then
        pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}
