#!/usr/bin/env bash
# Writes an nginx configuration for the edge from deploy/nginx/edge.conf.template, and a
# self-signed certificate for trying it when no --cert/--key are given. Used by
# scripts/deploy_local.sh, the edge tests (tests/edge) and the edge benchmark.
#
# usage: render_edge.sh --work DIR --listen ADDR:PORT --upstream ADDR:PORT [--upstream ADDR:PORT ...]
#                       [--cert FILE --key FILE] [--body-limit 64k] [--connections-per-address 64]
#                       [--client-timeout 10s] [--access-log FILE|off]
# Then: nginx -p DIR -c DIR/nginx.conf   (DIR/nginx.pid, DIR/error.log)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

work="" listen="" cert="" key="" body_limit=64k per_address=64 client_timeout=10s access_log=""
upstreams=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "render_edge: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --work) work=$2 ;;
    --listen) listen=$2 ;;
    --upstream) upstreams+=("$2") ;;
    --cert) cert=$2 ;;
    --key) key=$2 ;;
    --body-limit) body_limit=$2 ;;
    --connections-per-address) per_address=$2 ;;
    --client-timeout) client_timeout=$2 ;;
    --access-log) access_log=$2 ;;
    *) echo "render_edge: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
if [ -z "$work" ] || [ -z "$listen" ] || [ ${#upstreams[@]} -eq 0 ]; then
  sed -n '6,9p' "$0" | sed 's/^# //' >&2
  exit 2
fi
if [ -n "$cert" ] && [ -z "$key" ] || [ -z "$cert" ] && [ -n "$key" ]; then
  echo "render_edge: --cert and --key go together" >&2
  exit 2
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

# nginx's workers run as an unprivileged user when it is started as root; they write here.
mkdir -p "$work/tmp"
chmod 1777 "$work/tmp"

if [ -z "$cert" ]; then
  command -v openssl >/dev/null || { echo "render_edge: openssl is missing (scripts/install.sh)" >&2; exit 1; }
  mkdir -p "$work/tls"
  cert=$work/tls/cert.pem
  key=$work/tls/key.pem
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$key" -out "$cert" 2>/dev/null
fi

servers=""
for u in "${upstreams[@]}"; do servers+="        server $u max_fails=2 fail_timeout=5s;"$'\n'; done
case "$access_log" in
  "") access_log="$work/access.log edge" ;;
  off) ;;
  *) access_log="$access_log edge" ;;
esac

WORK="$work" LISTEN="$listen" TLS_CERT="$cert" TLS_KEY="$key" BODY_LIMIT="$body_limit" \
CONNECTIONS_PER_ADDRESS="$per_address" CLIENT_TIMEOUT="$client_timeout" ACCESS_LOG="$access_log" UPSTREAM_SERVERS="${servers%$'\n'}" \
python3 - "$here/edge.conf.template" "$work/nginx.conf" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
text = re.sub(r"@([A-Z_]+)@", lambda m: os.environ[m.group(1)], text)
open(sys.argv[2], "w").write(text)
PY
