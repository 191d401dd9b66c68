#!/usr/bin/env bash
# Writes data/users.csv: the demo sign-ins, with passwords hashed by `bank-proxy hash-password`
# (libsodium argon2id), so no plain password is stored. Each run draws new salts, so the file's
# bytes change while every password stays the same.
#
#   customers  customer<ID> / demo-<ID>   the five seed customers 101-105, and the first customer
#                                          of every banker in customerdata.csv
#   bankers    banker01..banker08 / demo-b01..demo-b08   (subject B01..B08)
#
# usage: scripts/make_demo_users.sh [path/to/bank-proxy]
set -euo pipefail
cd "$(dirname "$0")/.."

proxy=${1:-}
if [ -z "$proxy" ]; then
  for candidate in build/native/proxy/bank-proxy build/proxy-dev/proxy/bank-proxy; do
    [ -x "$candidate" ] && { proxy=$candidate; break; }
  done
fi
[ -n "$proxy" ] && [ -x "$proxy" ] || { echo "make_demo_users: build bank-proxy first (make native)" >&2; exit 1; }

# The first customer of each banker B01..B08 in data/customerdata.csv as generated (seeded), listed
# here rather than re-parsed: the proxy checks at start-up that every user names a real customer.
customers=(101 102 103 104 105 123 113 109 112 116 106 108)
bankers=(01 02 03 04 05 06 07 08)

hash() { printf '%s\n' "$1" | "$proxy" hash-password; }

out=$(mktemp data/users.csv.XXXXXX)
trap 'rm -f "$out"' EXIT
{
  echo "Username,Role,Subject ID,Password Hash"
  for id in "${customers[@]}"; do
    echo "customer$id,customer,$id,\"$(hash "demo-$id")\""
  done
  for n in "${bankers[@]}"; do
    echo "banker$n,banker,B$n,\"$(hash "demo-b$n")\""
  done
} > "$out"
chmod 644 "$out"
mv "$out" data/users.csv
trap - EXIT
echo "make_demo_users: wrote data/users.csv ($(( ${#customers[@]} + ${#bankers[@]} )) users)"
