#!/usr/bin/env bash
# The app's ranking path with the learned model, native vs wasm in one run (BENCHMARKS.md "Ranking
# with the learned model (rank_on_device)"):
#   1. trains a propensity model natively with the real trainer (bank-bench-train: fit_propensity on
#      a seeded synthetic bank of 20,000 customers x 100 products, 3 holdings each on average;
#      fixed hyper-parameters: depth 4, 300 trees, learning rate 0.1, 10 negatives per positive, k = 20),
#   2. builds tests/eval/bench_device.cpp with the whole portable core (every shared/**/*.cpp, as the
#      app's bankcore) natively (g++ -O3) and to wasm (emcc -O3 -msimd128 -fwasm-exceptions, the
#      model embedded with --embed-file),
#   3. runs both on the same 10,000-customer book of the same catalog, alternating, and prints the
#      markdown table; each cell is the best of the rounds (other work on the machine only adds time).
# Usage: tests/eval/bench_device.sh [rounds (default 2)] [learned book runs per round (default 3)]
# Builds into build/bench-device/ (objects, model, binaries, results) and the trainer into
# build/bench/ (BUILD=... to change). NO_BUILD=1 reuses the binaries of the last run; BUILD_ONLY=1
# stops after building (tests/eval/bench_device_ab.sh: the core before and after a change). About 5 minutes
# a round on 2 cores, plus 2 minutes of training and 7 of compiling.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-$ROOT/build/bench-device}"
BUILD="${BUILD:-$ROOT/build/bench}"
ROUNDS="${1:-2}"
RUNS="${2:-3}"
CXX="${CXX:-g++}"
export NODE_PATH=/usr/share/nodejs
mkdir -p "$OUT/json-include" "$OUT/obj-native" "$OUT/obj-wasm"
ln -sfn /usr/include/nlohmann "$OUT/json-include/nlohmann"   # nlohmann only, never all of /usr/include

# 1. The model, trained natively with fit_propensity (skipped when it is there: rm it to retrain).
if [ ! -s "$OUT/model.json" ]; then
  echo "training the model (bank-bench-train)..." >&2
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  nice cmake --build "$BUILD" -j2 --target bank-bench-train >/dev/null
  OMP_WAIT_POLICY=passive nice "$BUILD/tests/eval/bank-bench-train" --customers 20000 --products 100 \
    --holdings-mean 3 --negatives 10 --depth 4 --trees 300 --learning-rate 0.1 --catalog-seed 1 --seed 2 \
    --out "$OUT/model.json.partial" > "$OUT/train.json"
  mv "$OUT/model.json.partial" "$OUT/model.json"
fi

if [ "${NO_BUILD:-0}" != 1 ] || [ ! -x "$OUT/bench_native" ] || [ ! -s "$OUT/bench_wasm.js" ]; then
# 2. The same sources into both builds: the whole core, as the app links it, plus the benchmark.
mapfile -t SOURCES < <(cd "$ROOT" && find shared -name '*.cpp' | sort)
SOURCES+=(train/evaluation/protocol.cpp tests/eval/synthetic_bank.cpp tests/eval/bench_device.cpp)  # protocol: the seeded draws
FLAGS=(-std=c++17 -O3 -I"$ROOT" -I"$ROOT/tests/eval")
export OUT ROOT CXX
export FLAGS_STRING="${FLAGS[*]}"   # an array cannot be exported; compile() splits this string
echo "compiling ${#SOURCES[@]} sources natively ($CXX -O3) and to wasm (emcc -O3 -msimd128 -fwasm-exceptions)..." >&2
rm -f "$OUT"/obj-native/*.o "$OUT"/obj-wasm/*.o
compile() {  # platform source
  local object="$OUT/obj-$1/$(echo "$2" | tr / _).o"
  # shellcheck disable=SC2086
  if [ "$1" = native ]; then
    nice "$CXX" $FLAGS_STRING -c "$ROOT/$2" -o "$object"
  else
    nice emcc $FLAGS_STRING -msimd128 -fwasm-exceptions -isystem "$OUT/json-include" -c "$ROOT/$2" -o "$object"
  fi
}
export -f compile
for s in "${SOURCES[@]}"; do echo "native $s"; echo "wasm $s"; done | xargs -P2 -n2 bash -c 'compile "$0" "$1"'
nice "$CXX" -O3 "$OUT"/obj-native/*.o -o "$OUT/bench_native"
(cd "$OUT" && nice emcc -O3 -msimd128 -fwasm-exceptions obj-wasm/*.o --embed-file model.json@/model.json \
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=268435456 -o bench_wasm.js)
fi

[ "${BUILD_ONLY:-0}" = 1 ] && exit 0  # bench_device_ab.sh times the binaries itself

# 3. Alternating rounds.
echo "load before: $(uptime)" >&2
: > "$OUT/native.jsonl"
: > "$OUT/wasm.jsonl"
for round in $(seq "$ROUNDS"); do
  echo "round $round: native..." >&2
  "$OUT/bench_native" native "$OUT/model.json" "$RUNS" >> "$OUT/native.jsonl"
  echo "round $round: wasm..." >&2
  node --no-experimental-fetch "$OUT/bench_wasm.js" wasm /model.json "$RUNS" >> "$OUT/wasm.jsonl"
done
echo "load after: $(uptime)" >&2

field() { sed -E "s/.*\"$2\":\"?([^,\"}]*)\"?.*/\1/" <<<"$1"; }
# Each cell is the best (lowest) of the rounds, as other work on a shared machine only adds time;
# the slowest-run cell is the highest.
lowest() { while read -r line; do field "$line" "$2"; done < "$1" | sort -g | head -1; }
highest() { while read -r line; do field "$line" "$2"; done < "$1" | sort -g | tail -1; }
n=$(head -1 "$OUT/native.jsonl")
w=$(head -1 "$OUT/wasm.jsonl")
ratio() { awk -v w="$(lowest "$OUT/wasm.jsonl" "$1")" -v n="$(lowest "$OUT/native.jsonl" "$1")" 'BEGIN { printf "%.2f", w / n }'; }
row() {  # label field
  echo "| $1 | $(lowest "$OUT/native.jsonl" "$2") | $(lowest "$OUT/wasm.jsonl" "$2") | $(ratio "$2") |"
}
same() {  # every round of both builds gave the same fingerprint
  local all
  all=$(cat "$OUT/native.jsonl" "$OUT/wasm.jsonl" | while read -r line; do field "$line" "$1"; done | sort -u)
  [ "$(wc -l <<<"$all")" = 1 ] && echo "yes ($all)" || echo "NO ($(tr '\n' ' ' <<<"$all"))"
}
train="$(cat "$OUT/train.json" 2>/dev/null || echo '{}')"

cat <<TABLE
Model: $(field "$n" trees) trees, $(field "$n" features) features, $(stat -c %s "$OUT/model.json") bytes (trained on $(field "$train" rows) rows, $(field "$train" customers) customers; MAP@7 on 2,000 other customers $(field "$train" check_map7), popularity $(field "$train" check_map7_popularity)). Book: $(field "$n" customers) customers x $(field "$n" products) products, $(field "$n" candidate_rows) candidate rows.

| rank_on_device, 10,000 x 100 | native (-O3, $("$CXX" -dumpfullversion 2>/dev/null || echo "$CXX")) | wasm (-O3 -msimd128 -fwasm-exceptions, node $(node --version)) | wasm / native |
|---|---|---|---|
$(row "(a) one customer, learned model, median of 301 calls, µs" single_learned_us)
$(row "(a) one customer, hybrid (no model), median of 301 calls, µs" single_hybrid_us)
$(row "(b) book, learned model, with reasons (TreeSHAP), median of $RUNS runs, ms" book_learned_ms)
$(row "(b) book, learned model, with reasons, fastest run, ms" book_learned_min_ms)
| (b) book, learned model, with reasons, slowest run of all rounds, ms | $(highest "$OUT/native.jsonl" book_learned_max_ms) | $(highest "$OUT/wasm.jsonl" book_learned_max_ms) | |
$(row "(b) book, learned model, reasons on demand (Reasons::Later, as the app ranks a book), median of 5, ms" book_list_ms)
$(row "(b) book, learned model, reasons on demand, fastest run, ms" book_list_min_ms)
$(row "(e) one customer's reasons on demand (explain_on_device), median of 301 calls, µs" explain_us)
$(row "(c) book, hybrid (no model), median of 5 runs, ms" book_hybrid_ms)
$(row "(c) book, hybrid (no model), fastest run, ms" book_hybrid_min_ms)
$(row "(d) candidate rows for the whole book (propensity_rows), median of 3, ms" rows_ms)
$(row "(d) trees on them, predict_batch per customer (reference scorer), median of 3, ms" trees_ms)
$(row "(d) trees on them, compiled trees per customer (what the ranking uses), median of 3, ms" compiled_trees_ms)
$(row "(d) trees on them, one predict_batch over all rows, median of 3, ms" trees_one_call_ms)
$(row "(d) TreeSHAP for the reasons of the 7 shown products, one run, ms" shap_ms)
$(row "model load (with_propensity_model), ms" load_ms)
| same top-7 lists in both builds and every round, learned | $(same fingerprint_learned) | | |
| same top-7 lists in both builds and every round, hybrid | $(same fingerprint_hybrid) | | |
| same top-7 lists with reasons on demand, both builds, every round | $(same fingerprint_list) | | |
TABLE
