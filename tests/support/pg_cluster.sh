#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a free loopback port, for the tests and for trying the
# deployment on one machine. Uses Debian's postgresql package (scripts/install.sh installs it);
# installs nothing itself. initdb refuses to run as root, so as root the server runs as the
# `postgres` user the package creates.
#
#   pg_cluster.sh start DIR    create DIR (must not exist), initdb, start; prints the URL
#   pg_cluster.sh stop DIR     stop the server and remove DIR
#   pg_cluster.sh kill DIR     SIGKILL the server and all its processes (a crash); DIR stays
#   pg_cluster.sh restart DIR  start it again after kill (crash recovery), same port
#
# After start, DIR holds:
#   url       postgresql://bank@127.0.0.1:PORT/bank  (no password in it)
#   password  the password of the superuser `bank` (random); give it in PGPASSWORD
#   run/      the server's Unix socket (for psql -h DIR/run -U bank), log/server.log its log
# The parent of DIR must be reachable by the postgres user (e.g. under /tmp).
set -euo pipefail

usage() { sed -n '7,10p' "$0" | sed 's/^# *//' >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
dir=$2

pg_bin() {
  local bin
  bin=$(pg_config --bindir 2>/dev/null || true)
  [ -x "$bin/initdb" ] || bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "pg_cluster: PostgreSQL is not installed (run scripts/install.sh)" >&2; exit 1; }
  echo "$bin"
}

# The server's programs run as the postgres user when this script runs as root.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

server_pid() { head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true; }

start_server() {
  as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log/server.log" -w -t 60 start >"$dir/log/pg_ctl.log" 2>&1 \
    || { cat "$dir/log/pg_ctl.log" >&2; return 1; }
}

start() {
  [ ! -e "$dir" ] || { echo "pg_cluster: $dir already exists" >&2; exit 1; }
  mkdir -m 755 -p "$dir"
  mkdir -m 700 "$dir/data" "$dir/run" "$dir/log"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
  chmod 600 "$dir/password"
  cp "$dir/password" "$dir/run/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir/data" "$dir/run" "$dir/log"; fi
  as_server "$BIN/initdb" -D "$dir/data" -U bank --pwfile="$dir/run/pwfile" --auth-host=scram-sha-256 \
    --auth-local=trust -E UTF8 --locale=C --no-sync >"$dir/log/initdb.log" 2>&1 \
    || { cat "$dir/log/initdb.log" >&2; exit 1; }
  rm -f "$dir/run/pwfile"
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
# After a crash, one syncfs() instead of an fsync() per file: a restart in well under a second.
recovery_init_sync_method = syncfs
CONF
    if start_server; then break; fi
    [ "$attempt" -lt 5 ] || { cat "$dir/log/server.log" >&2; exit 1; }
  done
  as_server "$BIN/psql" -q -h "$dir/run" -p "$port" -U bank -d postgres -c 'CREATE DATABASE bank' >/dev/null
  echo "postgresql://bank@127.0.0.1:$port/bank" > "$dir/url"
  cat "$dir/url"
}

stop() {
  [ -d "$dir/data" ] || { echo "pg_cluster: no cluster in $dir" >&2; exit 1; }
  if [ -n "$(server_pid)" ] && kill -0 "$(server_pid)" 2>/dev/null; then
    as_server "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

# SIGKILL the postmaster first (so it cannot start new backends), then each of its children.
crash() {
  local pid children
  pid=$(server_pid)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || { echo "pg_cluster: no server running in $dir" >&2; exit 1; }
  children=$(cat /proc/"$pid"/task/*/children 2>/dev/null || true)
  kill -9 "$pid"
  for child in $children; do kill -9 "$child" 2>/dev/null || true; done
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
}

BIN=$(pg_bin)
case "$command" in
  start) start ;;
  stop) stop ;;
  kill) crash ;;
  restart) start_server ;;
  *) usage ;;
esac
