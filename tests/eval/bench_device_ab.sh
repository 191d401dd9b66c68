#!/usr/bin/env bash
# The ranking core before and after a change, side by side, natively and in wasm (BENCHMARKS.md
# "Ranking with the learned model", the table of the book before and after):
#   1. builds the core at a git revision (default HEAD: the committed core) and the working tree's,
#      each with bench_device.sh (BUILD_ONLY=1) and the working tree's bench_device.cpp, into
#      $OUT/before and $OUT/after, plus a wasm build of each that reads the host's files (NODERAWFS);
#   2. times, before and after alternating, ROUNDS times: the app's own book (data/ grown to 10,000
#      customers of banker B01 with copies of its rows, as tests/e2e/bench_book.mjs makes it, ranked
#      by `bench_device book` with config/propensity-model.json: median of 3 after a warm-up) and the
#      synthetic 10,000 x 100 book with reasons on demand (`bench_device ... list`: median of 3);
#   3. prints a markdown table: the median and the fastest over the rounds, and whether every list,
#      score and likelihood is the same bit for bit (fingerprints, both builds, every round).
# Usage: tests/eval/bench_device_ab.sh [revision (HEAD)] [rounds (3)]. OUT (default build/bench-ab);
# MODEL: the synthetic bank's model (default build/bench-device/model.json, which bench_device.sh
# trains). NO_BUILD=1 reuses the binaries. About 15 minutes of compiling on 2 cores, 2 a round.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
REV="${1:-HEAD}"
ROUNDS="${2:-3}"
OUT="${OUT:-$ROOT/build/bench-ab}"
MODEL="${MODEL:-$ROOT/build/bench-device/model.json}"
APP_MODEL="$ROOT/config/propensity-model.json"
DATA="$OUT/data-10000"
export NODE_PATH=/usr/share/nodejs
mkdir -p "$OUT/before" "$OUT/after"

# 1. The two cores.
if [ "${NO_BUILD:-0}" != 1 ]; then
  rm -rf "$OUT/before-src" "$OUT/after-src"
  mkdir -p "$OUT/before-src" "$OUT/after-src"
  (cd "$ROOT" && git archive "$REV" shared tests/eval train/evaluation) | tar -x -C "$OUT/before-src"
  (cd "$ROOT" && tar -c shared tests/eval train/evaluation) | tar -x -C "$OUT/after-src"
  cp "$ROOT/tests/eval/bench_device.cpp" "$ROOT/tests/eval/bench_device.sh" "$OUT/before-src/tests/eval/"
  for side in before after; do
    cp "$MODEL" "$OUT/$side/model.json"
    OUT="$OUT/$side" BUILD_ONLY=1 bash "$OUT/$side-src/tests/eval/bench_device.sh"
    (cd "$OUT/$side" && nice emcc -O3 -msimd128 -fwasm-exceptions obj-wasm/*.o -sNODERAWFS=1 \
      -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=268435456 -o bench_wasm_fs.js)
  done
fi

# 2. The app's book of 10,000 customers, then the rounds.
if [ ! -s "$DATA/customerdata.csv" ]; then
  node - "$ROOT/data" "$DATA" <<'JS'
const fs = require('fs');
const [from, to] = process.argv.slice(2);
fs.cpSync(from, to, { recursive: true });
const rows = fs.readFileSync(`${from}/customerdata.csv`, 'utf8').trimEnd().split('\n');
const own = rows.slice(1).filter((l) => /,B01\r?$/.test(l)).length;
const extra = [];
for (let i = 0; i < 10000 - own; ++i) {
  const row = rows[1 + (i % (rows.length - 1))];
  extra.push(String(20001 + i) + row.slice(row.indexOf(',')).replace(/,B0\d\r?$/, ',B01'));
}
fs.writeFileSync(`${to}/customerdata.csv`, rows.concat(extra).join('\n') + '\n');
JS
fi
run() {  # side platform book|list -> "median_ms fastest_ms fingerprint"
  local dir="$OUT/$1" out
  if [ "$3" = book ]; then
    if [ "$2" = native ]; then out=$("$dir/bench_native" book "$DATA" B01 "$APP_MODEL" 3)
    else out=$(node --no-experimental-fetch "$dir/bench_wasm_fs.js" book "$DATA" B01 "$APP_MODEL" 3); fi
    sed -E 's/.*"list_ms":([0-9.]+),"list_min_ms":([0-9.]+),"fingerprint":"([0-9a-f]+)".*/\1 \2 \3/' <<<"$out"
  else
    if [ "$2" = native ]; then out=$("$dir/bench_native" native "$dir/model.json" 3 list)
    else out=$(cd "$dir" && node --no-experimental-fetch bench_wasm.js wasm /model.json 3 list); fi
    local times fingerprint
    times=$(grep -E 'list book: [0-9.]+ ms' <<<"$out" | sed -E 's/.*: ([0-9.]+) ms/\1/' | sort -g)
    fingerprint=$(grep likelihoods <<<"$out" | awk '{print $NF}')
    echo "$(sed -n 2p <<<"$times") $(head -1 <<<"$times") $fingerprint"
  fi
}
echo "load before: $(uptime)" >&2
for what in book list; do for platform in native wasm; do for side in before after; do
  : > "$OUT/$side.$platform.$what"
done; done; done
for round in $(seq "$ROUNDS"); do
  for what in book list; do for platform in native wasm; do for side in before after; do
    echo "round $round: $what, $platform, $side" >&2
    run "$side" "$platform" "$what" >> "$OUT/$side.$platform.$what"
  done; done; done
done
echo "load after: $(uptime)" >&2

# 3. The table.
median() { awk '{print $1}' "$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
fastest() { awk '{print $2}' "$1" | sort -g | head -1; }
times() { awk -v b="$1" -v a="$2" 'BEGIN { printf "%.2f×", b / a }'; }
same() {  # every round of both sides on both platforms gave one fingerprint
  local all
  all=$(cat "$OUT"/{before,after}.{native,wasm}."$1" | awk '{print $3}' | sort -u)
  [ "$(wc -l <<<"$all")" = 1 ] && echo "yes ($all)" || echo "NO ($(tr '\n' ' ' <<<"$all"))"
}
cell() { echo "$($1 "$OUT/before.$2.$3") | $($1 "$OUT/after.$2.$3") | $(times "$($1 "$OUT/before.$2.$3")" "$($1 "$OUT/after.$2.$3")")"; }
cat <<TABLE
Before: $(cd "$ROOT" && git rev-parse --short "$REV"); after: the working tree. $ROUNDS rounds, before and after alternating.

| ranking a book, Reasons::Later, ms | native before | native after | faster | wasm before | wasm after | faster |
|---|---|---|---|---|---|---|
| the app's book, 10,000 customers x 52 products (bench_device book), median of the rounds | $(cell median native book) | $(cell median wasm book) |
| the app's book, fastest | $(cell fastest native book) | $(cell fastest wasm book) |
| the synthetic book, 10,000 x 100 (bench_device list), median of the rounds | $(cell median native list) | $(cell median wasm list) |
| the synthetic book, fastest | $(cell fastest native list) | $(cell fastest wasm list) |
| same lists, scores and likelihoods bit for bit, app's book | $(same book) | | | | | |
| same lists, scores and likelihoods bit for bit, synthetic book | $(same list) | | | | | |
TABLE
