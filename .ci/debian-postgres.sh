#!/usr/bin/env bash
# Starts the machine's Debian PostgreSQL cluster if it is down and prints a superuser URL for the
# tests (on stdout; everything else goes to stderr). Prints nothing when it cannot.
set -uo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
cluster=$(pg_lsclusters --no-header 2>/dev/null | sort -k1,1n | tail -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  as_root pg_createcluster "$version" main >&2 || exit 0
  cluster=$(pg_lsclusters --no-header | tail -n 1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  as_root pg_ctlcluster "$version" "$name" start >&2 || exit 0
fi
password="naaste-ci-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
as_root runuser -u postgres -- psql -q -p "$port" -c "alter role postgres password '$password'" >&2 || exit 0
echo >&2 "Debian PostgreSQL $version ($name) on port $port"
echo "postgresql://postgres:$password@127.0.0.1:$port/postgres"
