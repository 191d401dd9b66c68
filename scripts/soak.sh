#!/usr/bin/env bash
# Soak: bank-proxy under a long, mixed loopback load, watched from outside. Not part of `make test`.
#
# The proxy runs on the project's data (data/, demo sign-ins) with all three AI upstreams pointed
# at an nginx on loopback that answers in each service's wire format, answer cache off so every AI
# request goes upstream, and no rate limits (one client address would otherwise meet them).
# wrk keeps --connections connections open and cycles each through 13 requests: catalog, profile,
# book, one customer of the book, feedback write, feedback read, generate, summarize, search, me,
# health, a static file and the ranking model. Each connection waits --pace-ms between requests,
# so the load is sustained rather than flat out (the proxy benchmark in BENCHMARKS.md is the flat-out
# run). Every --sample seconds the proxy's resident memory, threads and open file descriptors are
# read from /proc. At the end: failed requests by route and status, the samples, and whether every
# acknowledged feedback write is in the store.
#
# usage: scripts/soak.sh [--minutes 10] [--connections 1000] [--pace-ms 250] [--sample 15]
#                        [--proxy PATH] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=10
CONNECTIONS=1000
PACE_MS=250
SAMPLE=15
PROXY=""
OUT=build/soak
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --pace-ms) PACE_MS=$2; shift 2 ;;
    --sample) SAMPLE=$2; shift 2 ;;
    --proxy) PROXY=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$MINUTES" "$CONNECTIONS" "$PACE_MS" "$SAMPLE"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "soak: '$n' is not a whole number" >&2; exit 2; }
done
if [ -z "$PROXY" ]; then
  for candidate in build/native/proxy/bank-proxy build/reliability/proxy/bank-proxy; do
    [ -x "$candidate" ] && { PROXY=$candidate; break; }
  done
fi
[ -x "${PROXY:-}" ] || { echo "soak: build bank-proxy first (make native)" >&2; exit 1; }
for tool in nginx wrk curl python3; do
  command -v $tool >/dev/null || { echo "soak: $tool is missing (scripts/install.sh)" >&2; exit 1; }
done
# Each keep-alive connection holds one of the proxy's worker threads while it is open.
THREADS=$(( CONNECTIONS + 24 > 1024 ? 1024 : CONNECTIONS + 24 ))
ulimit -n $(( CONNECTIONS * 3 + 1024 )) 2>/dev/null || true

PROXY_PORT=28380; UPSTREAM_PORT=28381
WORK=$(mktemp -d /tmp/bank-soak.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$OUT" "$WORK/tmp"
PROXY_PID=""; SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null || true
  [ -f "$WORK/upstream.pid" ] && kill "$(cat "$WORK/upstream.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

GEMINI_API_KEY=soak-gemini-key HF_TOKEN=soak-hf-token GOOGLE_CSE_KEY=soak-cse-key GOOGLE_CSE_CX=soak-engine \
  "$PROXY" --host 127.0.0.1 --port $PROXY_PORT --store "$WORK/store.sqlite" --no-access-log \
  --api-rate 0 --ai-rate 0 --cache-entries 0 --threads "$THREADS" \
  --gemini-url "http://127.0.0.1:$UPSTREAM_PORT" --summarizer-url "http://127.0.0.1:$UPSTREAM_PORT" \
  --search-url "http://127.0.0.1:$UPSTREAM_PORT" 2>"$WORK/proxy.log" &
PROXY_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PROXY_PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PROXY_PORT/healthz" >/dev/null || { echo "soak: bank-proxy did not start" >&2; cat "$WORK/proxy.log" >&2; exit 1; }

sign_in() {  # username password
  curl -sf -c - -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
    "http://127.0.0.1:$PROXY_PORT/api/login" | awk '$6 == "bank_session" { print $6 "=" $7 }'
}
CUSTOMER=$(sign_in customer101 demo-101)
BANKER=$(sign_in banker01 demo-b01)
[ -n "$CUSTOMER" ] && [ -n "$BANKER" ] || { echo "soak: sign-in failed" >&2; exit 1; }
BOOK_ID=$(curl -sf -H "Cookie: $BANKER" "http://127.0.0.1:$PROXY_PORT/api/book" | python3 -c \
  'import json, sys; b = json.load(sys.stdin); print(b["customers"][1][b["columns"].index("customer.id")])')

# Two products the customer may be recommended (generate refuses held or ineligible ones), and
# upstream answers that pass the proxy's checks for them.
read -r P1 P2 < <(curl -sf "http://127.0.0.1:$PROXY_PORT/api/catalog" | python3 -c '
import json, sys, urllib.request
ids = [p["id"] for p in json.load(sys.stdin)["products"]]
ok = []
for pid in ids:
    req = urllib.request.Request(sys.argv[1], data=json.dumps({"product_ids": [pid]}).encode(),
                                 headers={"Content-Type": "application/json", "Cookie": sys.argv[2]})
    try:
        urllib.request.urlopen(req).read(); ok.append(pid)
    except Exception:
        pass
    if len(ok) == 2: break
print(*ok)' "http://127.0.0.1:$PROXY_PORT/api/generate" "$CUSTOMER")
[ -n "${P2:-}" ] || { echo "soak: found no two eligible products for customer101" >&2; exit 1; }
GEMINI=$(python3 -c '
import json, sys
text = json.dumps({"explanations": [{"product_id": p, "text": "It fits the way this customer banks."} for p in sys.argv[1:]]})
print(json.dumps({"candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": "STOP"}],
                  "usageMetadata": {"promptTokenCount": 400, "candidatesTokenCount": 40, "totalTokenCount": 440}}))' "$P1" "$P2")
SUMMARY='[{"summary_text":"Two products that suit this customer: one for everyday spending and one to save."}]'
SEARCH='{"kind":"customsearch#search","searchInformation":{"totalResults":"1"},"items":[{"title":"Apply online","link":"https://www.northwind-bank.example/apply","snippet":"Apply in minutes.","displayLink":"www.northwind-bank.example"}]}'
cat > "$WORK/upstream.conf" <<EOF
worker_processes 1;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp/body; proxy_temp_path $WORK/tmp/proxy; fastcgi_temp_path $WORK/tmp/fcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi; scgi_temp_path $WORK/tmp/scgi;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT backlog=4096;
    default_type application/json;
    location /v1beta/ { return 200 '$GEMINI'; }
    location /hf-inference/ { return 200 '$SUMMARY'; }
    location /customsearch/ { return 200 '$SEARCH'; }
  }
}
EOF
nginx -p "$WORK" -c "$WORK/upstream.conf"

SHORTLIST="{\"product_ids\":[\"$P1\",\"$P2\"]}"
cat > "$WORK/mixed.lua" <<EOF
-- One list of requests; each connection walks it from its own starting point.
local C, B = "$CUSTOMER", "$BANKER"
local J = "application/json"
local routes = {
  {"GET",  "/api/catalog", nil, nil},
  {"GET",  "/api/profile", C, nil},
  {"GET",  "/api/book", B, nil},
  {"GET",  "/api/book/$BOOK_ID", B, nil},
  {"POST", "/api/feedback", B, '{"customer_id":$BOOK_ID,"product_id":"$P1","event":"offered"}'},
  {"GET",  "/api/feedback?customer_id=$BOOK_ID", B, nil},
  {"POST", "/api/generate", C, '$SHORTLIST'},
  {"POST", "/api/summarize", C, '$SHORTLIST'},
  {"POST", "/api/search", C, '{"product_id":"$P1"}'},
  {"GET",  "/api/me", C, nil},
  {"GET",  "/healthz", nil, nil},
  {"GET",  "/index.html", nil, nil},
  {"GET",  "/api/ranking-model", C, nil},
}
local next_route = 0
statuses = {}  -- global: done() reads each thread's copy
local threads = {}

function setup(thread) table.insert(threads, thread) end
function init(args) next_route = math.random(#routes) - 1 end
function delay() return $PACE_MS end
function request()
  next_route = next_route % #routes + 1
  local r = routes[next_route]
  local headers = {}
  if r[3] then headers["Cookie"] = r[3] end
  if r[4] then headers["Content-Type"] = J end
  return wrk.format(r[1], r[2], headers, r[4])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, n in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + n end
  end
  io.write("answers by status:")
  for k, n in pairs(total) do io.write(string.format(" %d: %d;", k, n)) end
  io.write("\n")
end
EOF

sample() {  # elapsed seconds -> one CSV line
  local status="/proc/$PROXY_PID/status"
  echo "$1,$(awk '/^VmRSS/ { print $2 }' "$status"),$(awk '/^VmHWM/ { print $2 }' "$status"),$(awk '/^Threads/ { print $2 }' "$status"),$(ls "/proc/$PROXY_PID/fd" | wc -l)"
}
SAMPLES="$OUT/samples.csv"
echo "seconds,rss_kib,peak_rss_kib,threads,open_fds" > "$SAMPLES"
sample 0 >> "$SAMPLES"
( start=$(date +%s); while sleep "$SAMPLE"; do sample $(( $(date +%s) - start )) >> "$SAMPLES"; done ) &
SAMPLER_PID=$!

curl -sf "http://127.0.0.1:$PROXY_PORT/metrics" > "$OUT/metrics-before.txt"
echo "soak: ${MINUTES} min, $CONNECTIONS connections, ${PACE_MS} ms between requests per connection ..." >&2
wrk -t2 -c"$CONNECTIONS" -d"${MINUTES}m" --timeout 10s --latency -s "$WORK/mixed.lua" \
  "http://127.0.0.1:$PROXY_PORT" > "$OUT/wrk.txt" 2>&1 || true
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
sleep "$SAMPLE"  # connections close; the proxy should give back what the load took
sample "after" >> "$SAMPLES"
curl -sf "http://127.0.0.1:$PROXY_PORT/healthz" >/dev/null && HEALTH=ok || HEALTH=FAILED

# The proxy counts every answer by route and status: which routes failed, and how many feedback
# writes it acknowledged.
curl -sf "http://127.0.0.1:$PROXY_PORT/metrics" > "$OUT/metrics.txt" || true
ACKED=$(sed -n 's/^bank_proxy_requests_total{route="\/api\/feedback",method="POST",status="201"} //p' "$OUT/metrics.txt")
NON_2XX=$(python3 - "$OUT/metrics-before.txt" "$OUT/metrics.txt" <<'PY'
import sys
def counts(path):
    out = {}
    for line in open(path):
        if line.startswith("bank_proxy_requests_total{") and 'status="2' not in line:
            key, n = line.rsplit(" ", 1)
            out[key] = int(n)
    return out
before, after = counts(sys.argv[1]), counts(sys.argv[2])
for key in sorted(after):
    if after[key] != before.get(key, 0):
        print(f"  {key} {after[key] - before.get(key, 0)}")
PY
)
STORED=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from feedback").fetchone()[0])' "$WORK/store.sqlite")

{
  echo "## soak: ${MINUTES} min, $CONNECTIONS connections, ${PACE_MS} ms pace, proxy threads $THREADS"
  echo
  sed -n '/^Running/,$p' "$OUT/wrk.txt"
  echo
  echo "samples (every ${SAMPLE} s; the last after the load stopped):"
  column -t -s, "$SAMPLES"
  echo
  echo "answers that were not 2xx during the load, by route (the proxy's /metrics):"
  echo "${NON_2XX:-  none}"
  echo
  echo "proxy still healthy after the run: $HEALTH"
  echo "feedback writes acknowledged (201): ${ACKED:-0}; rows in the store: $STORED"
} | tee "$OUT/report.txt"
[ "$HEALTH" = ok ] && [ "${ACKED:-0}" = "$STORED" ]
