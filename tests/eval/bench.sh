#!/usr/bin/env bash
# Banker-book ranking benchmark: the same C++ (shared/ranking + tests/eval/banker_book.cpp, bench_book.cpp) built
# natively with -O3 and to WebAssembly with -O3 -msimd128 -fwasm-exceptions (as the app), run on the same synthetic book of
# 10,000 customers x 100 products, printed as the markdown table in BENCHMARKS.md "Ranking".
# Usage: tests/eval/bench.sh            (from anywhere; builds into build/bench-ranking/)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/build/bench-ranking"
mkdir -p "$OUT/json-include"
ln -sfn /usr/include/nlohmann "$OUT/json-include/nlohmann"   # nlohmann only, never all of /usr/include

# What rank_book needs, nothing else: the same files go into both builds.
RANKING=(behavior_model diversity dot_products eligibility embedding holder_profile
         ranking_catalog ranking_weights reasons recommender signals)
SOURCES=("${RANKING[@]/#/$ROOT/shared/ranking/}")
SOURCES=("${SOURCES[@]/%/.cpp}"
         "$ROOT"/shared/profile/*.cpp "$ROOT"/shared/data/vocabulary.cpp
         "$ROOT"/train/evaluation/protocol.cpp "$ROOT"/tests/eval/banker_book.cpp
         "$ROOT"/tests/eval/synthetic_book.cpp "$ROOT"/tests/eval/bench_book.cpp)
FLAGS=(-std=c++17 -O3 -I"$ROOT" -I"$ROOT/tests/eval")
CXX="${CXX:-g++}"

echo "building native ($CXX -O3) and wasm (emcc -O3 -msimd128 -fwasm-exceptions)..." >&2
"$CXX" "${FLAGS[@]}" "${SOURCES[@]}" -o "$OUT/bench_native"
NODE_PATH=/usr/share/nodejs emcc "${FLAGS[@]}" -msimd128 -fwasm-exceptions -isystem "$OUT/json-include" "${SOURCES[@]}" \
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=134217728 -o "$OUT/bench_wasm.js"

# Three alternating rounds; each platform is reported by its round with the lowest median, so a
# burst of other work on a shared machine does not land on one side only.
: > "$OUT/native.jsonl"
: > "$OUT/wasm.jsonl"
for round in 1 2 3; do
  "$OUT/bench_native" native >> "$OUT/native.jsonl"
  node --no-experimental-fetch "$OUT/bench_wasm.js" wasm >> "$OUT/wasm.jsonl"
done

field() { sed -E "s/.*\"$2\":\"?([^,\"}]*)\"?.*/\1/" <<<"$1"; }
best() { while read -r line; do echo "$(field "$line" median_ms) $line"; done < "$1" | sort -n | head -1 | cut -d' ' -f2-; }
native=$(best "$OUT/native.jsonl")
wasm=$(best "$OUT/wasm.jsonl")
n_med=$(field "$native" median_ms); w_med=$(field "$wasm" median_ms)
ratio=$(awk -v w="$w_med" -v n="$n_med" 'BEGIN { printf "%.2f", w / n }')
same=$([ "$(field "$native" fingerprint)" = "$(field "$wasm" fingerprint)" ] && echo yes || echo NO)

cat <<TABLE
| banker book 10,000 x 100, 384-d + 512-d, rules, MMR top-7 | native (-O3, $("$CXX" -dumpfullversion 2>/dev/null || echo "$CXX")) | wasm (-O3 -msimd128, node $(node --version)) |
|---|---|---|
| median of $(field "$native" runs) runs (best of 3 rounds), ms | $n_med | $w_med |
| fastest run, ms | $(field "$native" min_ms) | $(field "$wasm" min_ms) |
| slowest run, ms | $(field "$native" max_ms) | $(field "$wasm" max_ms) |
| wasm / native (median) | 1.00 | $ratio |
| same top-7 lists in both builds | $same | $same |
TABLE
