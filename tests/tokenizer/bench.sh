#!/usr/bin/env bash
# Tokenizer throughput: the C++ tokenizers built natively (-O3) and to WebAssembly (emcc -O3
# -msimd128, run under Node), next to the reference tokenizers of @huggingface/transformers under
# Node. Prints a markdown table (the one in BENCHMARKS.md, section "Tokenizers").
#
#   tests/tokenizer/bench.sh            (from anywhere; builds into build/bench-tokenizer)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/build/bench-tokenizer
mkdir -p "$out"
args=("$repo/models/tokenizers" "$repo/tests/tokenizer/product_texts.txt"
      "$repo"/tests/tokenizer/corpus/*.jsonl)

echo "bench: building native (CMake Release) ..." >&2
cmake -S "$repo" -B "$out/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$out/native" --target bench_tokenizer -j2 >/dev/null

echo "bench: building wasm (emcc) ..." >&2
# WebAssembly: the same sources with emcc. nlohmann/json is header-only; emcc gets its folder
# alone (never -I/usr/include, which would pull glibc's headers in).
mkdir -p "$out/json-include"
ln -sfn /usr/include/nlohmann "$out/json-include/nlohmann"
NODE_PATH=/usr/share/nodejs emcc -std=c++17 -O3 -msimd128 -I"$repo" -isystem "$out/json-include" \
  "$repo"/shared/text/*.cpp "$repo/shared/data/load_error.cpp" "$repo/shared/data/utf8.cpp" \
  "$repo/tests/tokenizer/bench_tokenizer.cpp" \
  -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -o "$out/bench_tokenizer.js"

echo "bench: running native, wasm, transformers.js (about a minute) ..." >&2
"$out/native/tests/tokenizer/bench_tokenizer" "${args[@]}" >"$out/native.txt"
node --no-experimental-fetch "$out/bench_tokenizer.js" "${args[@]}" >"$out/wasm.txt"
(cd "$repo" && node tests/tokenizer/bench_reference.mjs "${args[@]}") >"$out/reference.txt"

echo "Tokenizer throughput on $(nproc) cores ($(uname -m)), Node $(node --version), tokens per second (strings per second):"
echo
echo "| tokenizer | workload | native C++ -O3 | wasm (emcc -O3 -msimd128, Node) | transformers.js (Node) |"
echo "|---|---|---|---|---|"
awk '
  function rate(tokens, strings, seconds) {
    return sprintf("%.2f M tok/s (%.1f k str/s)", tokens / seconds / 1e6, strings / seconds / 1e3)
  }
  FNR == 1 { file++ }
  /^RESULT/ {
    match($0, /"[^"]*"/); workload = substr($0, RSTART + 1, RLENGTH - 2)
    n = split(substr($0, RSTART + RLENGTH + 1), f, " ")
    key = $2 " | " workload
    if (!(key in seen)) { seen[key] = 1; order[++keys] = key }
    cell[key, file] = rate(f[3], f[1], f[4])
    load[$2, file] = sprintf("%.0f ms", f[5])
  }
  END {
    for (i = 1; i <= keys; i++) print "| " order[i] " | " cell[order[i], 1] " | " cell[order[i], 2] " | " cell[order[i], 3] " |"
    print "| WordPiece | load tokenizer.json | " load["WordPiece", 1] " | " load["WordPiece", 2] " | " load["WordPiece", 3] " |"
    print "| CLIP | load tokenizer.json | " load["CLIP", 1] " | " load["CLIP", 2] " | " load["CLIP", 3] " |"
  }' "$out/native.txt" "$out/wasm.txt" "$out/reference.txt"
