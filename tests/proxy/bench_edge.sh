#!/usr/bin/env bash
# The deployment's benchmark: the nginx edge (deploy/nginx/, HTTPS) in front of bank-proxy
# replicas, against the same edge in front of a fake upstream that answers instantly (the floor:
# what nginx alone costs), with wrk, in one run:
#   edge -> fake upstream              the floor
#   edge -> 1 replica / 2 replicas     on SQLite (the replicas share one file) and on PostgreSQL
#   bank-proxy direct                  one replica without the edge, plain HTTP (for reference)
# each flat out (throughput) and paced (one request per connection every 100 ms: latency without
# queueing), on GET /api/me with a session (the session is looked up in the store). Then the
# slow-client run: 1,000 connections that each send a header line every 5 s (tests/proxy/
# slow_clients.py) for 60 s while a probe fetches /api/catalog every second, through the edge
# and directly against one replica.
# Prints Markdown tables; with --write, puts them in the "## Proxy behind the edge" section of
# BENCHMARKS.md.
#
# usage: tests/proxy/bench_edge.sh [--proxy PATH] [--duration 15s] [--connections 256]
#                                  [--slow-seconds 60] [--write]
set -euo pipefail
cd "$(dirname "$0")/../.."

PROXY=""
DURATION=15s
CONNECTIONS=256
SLOW_SECONDS=60
WRITE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --proxy) PROXY=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --slow-seconds) SLOW_SECONDS=$2; shift 2 ;;
    --write) WRITE=1; shift ;;
    *) echo "bench_edge: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$PROXY" ]; then
  for candidate in build/native/proxy/bank-proxy build/proxy-dev/proxy/bank-proxy; do
    [ -x "$candidate" ] && { PROXY=$candidate; break; }
  done
fi
[ -x "${PROXY:-}" ] || { echo "bench_edge: build bank-proxy first (make native)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$NGINX" wrk curl openssl python3; do
  command -v "$tool" >/dev/null || { echo "bench_edge: $tool is missing (scripts/install.sh)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/bank-edge-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
MAIN_PID=$BASHPID
cleanup() {
  [ "$BASHPID" = "$MAIN_PID" ] || return 0  # not in a subshell
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pidfile in "$WORK"/*/nginx.pid "$WORK"/upstream.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  [ -d "$WORK/db" ] && bash tests/support/pg_cluster.sh stop "$WORK/db" >/dev/null 2>&1 || true
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
echo "bench_edge: PostgreSQL ..." >&2
PG_URL=$(bash tests/support/pg_cluster.sh start "$WORK/db")
export PGPASSWORD
PGPASSWORD=$(cat "$WORK/db/password")

declare -A PORT
start_replica() {  # name, store: sets PORT[name]
  local port
  port=$(free_port)
  "$PROXY" --host 127.0.0.1 --port "$port" --store "$2" --no-access-log --api-rate 0 --ai-rate 0 \
    --trusted-proxy 127.0.0.1 --keep-alive 75 --connections-per-address 0 >/dev/null 2>"$WORK/$1.log" &
  PIDS+=($!)
  for _ in $(seq 150); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && { PORT[$1]=$port; return 0; }
    sleep 0.1
  done
  echo "bench_edge: replica $1 did not start:" >&2
  cat "$WORK/$1.log" >&2
  exit 1
}
start_replica sqlite1 "$WORK/store.sqlite"
start_replica sqlite2 "$WORK/store.sqlite"
start_replica pg1 "$PG_URL"
start_replica pg2 "$PG_URL"

# The fake upstream answers what /api/me answers, byte for byte, at once.
COOKIE_SQLITE=$(curl -sf -c - -H 'Content-Type: application/json' -d '{"username":"customer101","password":"demo-101"}' \
  "http://127.0.0.1:${PORT[sqlite1]}/api/login" | awk '$6 == "bank_session" { print $6 "=" $7 }')
COOKIE_PG=$(curl -sf -c - -H 'Content-Type: application/json' -d '{"username":"customer101","password":"demo-101"}' \
  "http://127.0.0.1:${PORT[pg1]}/api/login" | awk '$6 == "bank_session" { print $6 "=" $7 }')
[ -n "$COOKIE_SQLITE" ] && [ -n "$COOKIE_PG" ] || { echo "bench_edge: sign-in failed" >&2; exit 1; }
ME=$(curl -sf -H "Cookie: $COOKIE_SQLITE" "http://127.0.0.1:${PORT[sqlite1]}/api/me")
UPSTREAM_PORT=$(free_port)
mkdir -p "$WORK/tmp" && chmod 1777 "$WORK/tmp"
cat > "$WORK/upstream.conf" <<EOF
worker_processes 1;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp/body; proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi; uwsgi_temp_path $WORK/tmp/uwsgi; scgi_temp_path $WORK/tmp/scgi;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    keepalive_requests 100000;
    location / { default_type application/json; return 200 '$ME'; }
  }
}
EOF
"$NGINX" -p "$WORK" -c "$WORK/upstream.conf"

declare -A EDGE
start_edge() {  # name, upstream ports...: sets EDGE[name]
  local name=$1 port ups=()
  shift
  for p in "$@"; do ups+=(--upstream "127.0.0.1:$p"); done
  port=$(free_port)
  bash deploy/nginx/render_edge.sh --work "$WORK/edge-$name" --listen "127.0.0.1:$port" --access-log off \
    --connections-per-address 60000 "${ups[@]}"
  "$NGINX" -p "$WORK/edge-$name" -c "$WORK/edge-$name/nginx.conf"
  EDGE[$name]=$port
}
start_edge floor "$UPSTREAM_PORT"
start_edge sqlite1 "${PORT[sqlite1]}"
start_edge sqlite2 "${PORT[sqlite1]}" "${PORT[sqlite2]}"
start_edge pg1 "${PORT[pg1]}"
start_edge pg2 "${PORT[pg1]}" "${PORT[pg2]}"

declare -A URL=(
  [floor]="https://127.0.0.1:${EDGE[floor]}/api/me"
  [sqlite1]="https://127.0.0.1:${EDGE[sqlite1]}/api/me"
  [sqlite2]="https://127.0.0.1:${EDGE[sqlite2]}/api/me"
  [pg1]="https://127.0.0.1:${EDGE[pg1]}/api/me"
  [pg2]="https://127.0.0.1:${EDGE[pg2]}/api/me"
  [direct]="http://127.0.0.1:${PORT[sqlite1]}/api/me"
)
declare -A COOKIE=([floor]=$COOKIE_SQLITE [sqlite1]=$COOKIE_SQLITE [sqlite2]=$COOKIE_SQLITE [direct]=$COOKIE_SQLITE
                   [pg1]=$COOKIE_PG [pg2]=$COOKIE_PG)
for name in "${!URL[@]}"; do
  code=$(curl -sk -o /dev/null -w '%{http_code}' -H "Cookie: ${COOKIE[$name]}" "${URL[$name]}")
  [ "$code" = 200 ] || { echo "bench_edge: $name answered $code" >&2; exit 1; }
done

PACE_MS=100
echo "function delay() return $PACE_MS end" > "$WORK/paced.lua"
to_ms() {  # wrk latency like 850.00us, 1.23ms, 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
run() {  # name, duration, [paced] -> "rps p50 p99 errors non2xx"
  local out="$WORK/$1${3:+-paced}.txt" script=()
  [ -n "${3:-}" ] && script=(-s "$WORK/paced.lua")
  wrk -t2 -c"$CONNECTIONS" -d"$2" --latency "${script[@]}" -H "Cookie: ${COOKIE[$1]}" "${URL[$1]}" > "$out" 2>&1
  local rps p50 p99 errors non2xx
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out")
  echo "$rps $p50 $p99 ${errors:-0} ${non2xx:-0}"
}

NAMES=(floor sqlite1 sqlite2 pg1 pg2 direct)
echo "bench_edge: warming up ..." >&2
for name in "${NAMES[@]}"; do run "$name" 3s >/dev/null; done
declare -A RESULT PACED
for name in "${NAMES[@]}"; do
  echo "bench_edge: $name ($DURATION, $CONNECTIONS connections, flat out) ..." >&2
  RESULT[$name]=$(run "$name" "$DURATION")
done
for name in "${NAMES[@]}"; do
  echo "bench_edge: $name ($DURATION, $CONNECTIONS connections, paced) ..." >&2
  PACED[$name]=$(run "$name" "$DURATION" paced)
done

# 1,000 slow clients for SLOW_SECONDS while curl fetches /api/catalog every second (from 5 s in,
# once the slow connections are open). Prints "probes answered median_ms max_ms opened cut_off".
slow_run() {  # port, scheme, [--tls]
  python3 tests/proxy/slow_clients.py --port "$1" ${3:-} --connections 1000 --addresses 20 --interval 5 \
    --duration "$SLOW_SECONDS" > "$WORK/slow.json" &
  local slow=$! probes=() end
  sleep 5
  : > "$WORK/probes.txt"
  end=$((SECONDS + SLOW_SECONDS - 6))
  while [ "$SECONDS" -lt "$end" ]; do
    curl -sk -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 "$2://127.0.0.1:$1/api/catalog" \
      >> "$WORK/probes.txt" &
    probes+=($!)
    sleep 1
  done
  for pid in "${probes[@]}"; do wait "$pid" || true; done
  wait "$slow"
  python3 - "$WORK/probes.txt" "$WORK/slow.json" <<'PY'
import json, statistics, sys
probes = [line.split() for line in open(sys.argv[1]) if line.strip()]
ok = [float(t) * 1000 for code, t in probes if code == "200"]
slow = json.load(open(sys.argv[2]))
print(len(probes), len(ok), "%.1f" % statistics.median(ok) if ok else "-", "%.1f" % max(ok) if ok else "-",
      slow["opened"], slow["cut_off"])
PY
}
echo "bench_edge: 1,000 slow clients through the edge (${SLOW_SECONDS} s) ..." >&2
SLOW_EDGE=$(slow_run "${EDGE[sqlite1]}" https --tls)
echo "bench_edge: 1,000 slow clients directly against one replica (${SLOW_SECONDS} s) ..." >&2
SLOW_DIRECT=$(slow_run "${PORT[sqlite1]}" http)

row() {  # label, name
  read -r rps p50 p99 errors non2xx <<< "${RESULT[$2]}"
  read -r _ pp50 pp99 perrors pnon2xx <<< "${PACED[$2]}"
  echo "| $1 | $rps | $p50 | $p99 | $pp50 | $pp99 | $((errors + perrors)) | $((non2xx + pnon2xx)) |"
}
compare() {  # label, name
  read -r frps _ _ _ _ <<< "${RESULT[floor]}"
  read -r _ _ fp99 _ _ <<< "${PACED[floor]}"
  read -r rps _ _ _ _ <<< "${RESULT[$2]}"
  read -r _ _ p99 _ _ <<< "${PACED[$2]}"
  awk -v l="$1" -v a="$rps" -v b="$frps" -v p="$p99" -v q="$fp99" \
    'BEGIN { printf "| %s | %.2fx | %+.2f ms |\n", l, a / b, p - q }'
}
slow_row() {  # label, "probes answered median max opened cut_off"
  read -r probes answered median max opened cut_off <<< "$2"
  echo "| $1 | $answered of $probes | $median | $max | $opened | $cut_off |"
}
read -r paced_rps _ _ _ _ <<< "${PACED[floor]}"
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

TABLE=$(cat <<EOF
| path (GET /api/me, signed in) | flat out: req/s | p50 ms | p99 ms | paced (~$paced_rps req/s): p50 ms | p99 ms | socket errors | non-2xx |
|---|---|---|---|---|---|---|---|
$(row "edge -> fake upstream (floor: nginx alone)" floor)
$(row "edge -> 1 replica, SQLite" sqlite1)
$(row "edge -> 2 replicas, SQLite (one shared file)" sqlite2)
$(row "edge -> 1 replica, PostgreSQL" pg1)
$(row "edge -> 2 replicas, PostgreSQL" pg2)
$(row "bank-proxy direct, plain HTTP, SQLite (no edge)" direct)

| compared with the floor | throughput (goal >= 0.5x) | paced p99 overhead (goal < 2 ms) |
|---|---|---|
$(compare "edge -> 1 replica, SQLite" sqlite1)
$(compare "edge -> 2 replicas, SQLite" sqlite2)
$(compare "edge -> 1 replica, PostgreSQL" pg1)
$(compare "edge -> 2 replicas, PostgreSQL" pg2)

| 1,000 slow clients for ${SLOW_SECONDS} s (one header line every 5 s, from 20 addresses) | probes answered (200) | probe median ms | probe max ms | slow connections opened | cut off by the server |
|---|---|---|---|---|---|
$(slow_row "through the edge (HTTPS)" "$SLOW_EDGE")
$(slow_row "directly against one replica" "$SLOW_DIRECT")
EOF
)
echo "$TABLE"

if [ "$WRITE" -eq 1 ]; then
  SECTION=$(cat <<EOF
## Proxy behind the edge

The deployment past one machine (README.md, "Running past one machine"): the nginx 1.22 edge of
\`deploy/nginx/\` (HTTPS, request buffering, limits, client timeouts, least-connections balancing
with kept-alive upstream connections) in front of bank-proxy replicas, measured against the same
edge in front of a fake upstream that answers at once with the same bytes (the floor: what nginx
alone costs). wrk 4.1, 2 threads, $CONNECTIONS connections over HTTPS, $DURATION per path after a
3 s warm-up, in one run on the project machine (2 cores shared by wrk, the nginx instances, the
replicas, PostgreSQL and whatever else was running). The request is \`GET /api/me\` with a session,
which the replica looks up in its store; rate limits off (\`--api-rate 0 --ai-rate 0\`). "Paced":
each connection waits ${PACE_MS} ms between requests (latency without queueing). The two SQLite
replicas share one store file (WAL; replicas on one machine); the PostgreSQL ones a throwaway
cluster (tests/support/pg_cluster.sh) on the same machine.

The slow-client run opens 1,000 connections (from 20 loopback addresses, 50 each) that send a
request line and then one header line every 5 s, reopening any the server closes, while a probe
fetches \`/api/catalog\` every second on a new connection (10 s timeout). Through the edge, nginx
holds them on its event loop and cuts each off after 10 s (\`client_header_timeout\`); directly,
the replica's connection loop does the same (\`--header-timeout\`, 10 s) without giving them a
worker thread. Before this change the proxy gave each such connection a worker thread for as long
as it kept sending: 130 of them left 0 of 3 probes answered.

What costs what: the replica looks the session up in its store on every request (so that a
sign-out or an expiry on one replica holds on all of them, \`proxy/sessions.cpp\`): one SQLite query
(prepared anew each time) or one round trip to PostgreSQL, which on this machine competes for the
same 2 cores as everything else; that round trip is most of the gap between the SQLite and the
PostgreSQL rows, and a second replica on the same 2 cores adds no CPU. Paced p99 here measures
the machine more than the code: the 1-minute load average on the 2 cores was $LOAD_BEFORE before the
run (what else was running) and $LOAD_AFTER at its end, and each hop of a request (nginx, the
replica's connection loop, its worker, PostgreSQL) is one more thread that may wait for a core;
the paced p50 overheads show what a hop costs when it does not.

Reproduce: \`tests/proxy/bench_edge.sh --write\` (about 6 minutes).

$TABLE
EOF
)
  python3 - "$SECTION" <<'PY'
import re, sys, pathlib
path = pathlib.Path("BENCHMARKS.md")
text = path.read_text()
section = sys.argv[1].rstrip() + "\n"
pattern = re.compile(r"^## Proxy behind the edge\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text, count=1)
else:  # right after the proxy's own section
    after_proxy = re.compile(r"(^## Proxy\n.*?)(?=^## |\Z)", re.S | re.M)
    text = after_proxy.sub(lambda m: m.group(1).rstrip() + "\n\n" + section + "\n", text, count=1)
path.write_text(text)
PY
  echo "bench_edge: wrote the \"Proxy behind the edge\" section of BENCHMARKS.md" >&2
fi
