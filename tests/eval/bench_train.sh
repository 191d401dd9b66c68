#!/usr/bin/env bash
# Training time and peak memory of the propensity model (BENCHMARKS.md "Training the propensity
# model"): bank-bench-train on seeded synthetic banks of 100,000 and 1,000,000 customers, under
# /usr/bin/time -v; prints each run's own table row and time's wall clock and maximum resident size.
# Usage: tests/eval/bench_train.sh   (builds bank-bench-train into build/bench/; BUILD=... to change)
# About 15 minutes on 2 cores, most of it the 1,000,000-customer row; needs 14 GB of memory.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${BUILD:-$ROOT/build/bench}"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target bank-bench-train >/dev/null
B="$BUILD/tests/eval/bank-bench-train"   # defaults: --depth 4 --trees 300 --learning-rate 0.1 --threads 2

run() {
  echo "== $*" >&2
  /usr/bin/time -v "$B" "$@" 2> >(grep -E "Elapsed \(wall clock\)|Maximum resident" >&2)
}
# OpenMP's default wait spins: on a shared machine XGBoost's threads then compete with other work.
export OMP_WAIT_POLICY=passive
run --customers 100000 --products 24 --holdings-mean 1.4 --negatives 0
run --customers 100000 --products 24 --holdings-mean 1.4 --negatives 10
run --customers 100000 --products 24 --holdings-mean 1.4 --negatives 5
run --customers 1000000 --products 24 --holdings-mean 1.4 --negatives 5
