#!/usr/bin/env bash
# The deployment past one machine, on one machine, for trying it: a PostgreSQL cluster in a
# temporary folder, bank-proxy replicas sharing it, and the nginx edge in front of them (HTTPS
# with a self-signed certificate made at start). Ctrl-C stops everything and removes the folder.
# README.md, "Running past one machine", says how the same parts map onto several machines.
#
# usage: scripts/deploy_local.sh [--port 8443] [--replicas 2] [--proxy PATH] [--app DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=8443
REPLICAS=2
PROXY=build/native/proxy/bank-proxy
APP=build/wasm/app
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "deploy_local: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --port) PORT=$2 ;;
    --replicas) REPLICAS=$2 ;;
    --proxy) PROXY=$2 ;;
    --app) APP=$2 ;;
    *) echo "deploy_local: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -x "$PROXY" ] || { echo "deploy_local: no $PROXY; build it first (make native)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$NGINX" openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "deploy_local: $tool is missing (scripts/install.sh)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/bank-deploy.XXXXXX)
chmod 755 "$WORK"  # the database server runs as the postgres user and must reach its folder
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  echo "deploy_local: stopping" >&2
  [ -f "$WORK/edge/nginx.pid" ] && kill "$(cat "$WORK/edge/nginx.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -d "$WORK/db" ] && bash tests/support/pg_cluster.sh stop "$WORK/db" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_healthy() {  # url, pid, log
  for _ in $(seq 200); do
    curl -skf "$1" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "deploy_local: $1 did not become healthy:" >&2
  cat "$3" >&2
  exit 1
}

echo "deploy_local: PostgreSQL in $WORK/db ..." >&2
STORE=$(bash tests/support/pg_cluster.sh start "$WORK/db")
export PGPASSWORD
PGPASSWORD=$(cat "$WORK/db/password")  # the replicas' libpq reads it; it is in no URL or log

UPSTREAMS=()
for i in $(seq "$REPLICAS"); do
  port=$(free_port)
  # --trusted-proxy: the client's address comes from the edge; --keep-alive outlasts the edge's
  # kept-alive upstream connections; the edge caps connections per client, the replica need not.
  "$PROXY" --host 127.0.0.1 --port "$port" --store "$STORE" --app "$APP" --trusted-proxy 127.0.0.1 \
    --keep-alive 75 --connections-per-address 0 2>"$WORK/replica-$i.log" &
  PIDS+=($!)
  wait_healthy "http://127.0.0.1:$port/healthz" "${PIDS[-1]}" "$WORK/replica-$i.log"
  echo "deploy_local: replica $i on 127.0.0.1:$port (log $WORK/replica-$i.log)" >&2
  UPSTREAMS+=(--upstream "127.0.0.1:$port")
done

bash deploy/nginx/render_edge.sh --work "$WORK/edge" --listen "127.0.0.1:$PORT" "${UPSTREAMS[@]}"
"$NGINX" -p "$WORK/edge" -c "$WORK/edge/nginx.conf" 2>"$WORK/edge/start.log" \
  || { cat "$WORK/edge/start.log" "$WORK/edge/error.log" >&2 2>/dev/null; exit 1; }
wait_healthy "https://127.0.0.1:$PORT/healthz" "$(cat "$WORK/edge/nginx.pid")" "$WORK/edge/error.log"

cat >&2 <<EOF

Northwind Bank is at https://127.0.0.1:$PORT/  (self-signed certificate: accept it in the browser,
or curl -k). $REPLICAS replicas share PostgreSQL ($STORE); sign in, and any replica knows you.
Logs: $WORK/replica-*.log, $WORK/edge/access.log and error.log. Ctrl-C stops everything.
EOF
wait -n "${PIDS[@]}"
echo "deploy_local: a replica stopped:" >&2
tail -n 5 "$WORK"/replica-*.log >&2
exit 1
