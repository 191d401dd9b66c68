#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang++-14 with ASan + UBSan) and runs each one for a
# number of executions or a time limit, then prints one line per target: executions, executions
# per second, coverage (edges and features), corpus size and crashes. RELIABILITY.md records the
# figures of the last full campaign and the command that produced them.
#
#   scripts/fuzz.sh                          every target, 10 000 000 runs or 10 minutes each
#   scripts/fuzz.sh --runs 100000 csv_users  one target, 100 000 runs
#   scripts/fuzz.sh --time 60                every target for 60 s
#   scripts/fuzz.sh --list                   the target names
#
# New inputs go to build/fuzz/corpus/<target>/ (seeded from tests/fuzz/corpus/<target>/, which is
# never written to); a crash is saved as build/fuzz/artifacts/<target>/crash-<sha1> and makes the
# script exit 1. Minimize one with: build/fuzz/tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=100000 FILE
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=10000000
SECONDS_EACH=600
BUILD=build/fuzz
TARGETS=(csv_catalog csv_customers csv_transactions csv_bankers csv_users csv_dataset
         tokenizer_wordpiece tokenizer_clip explanation_check gemini_reply google_error hf_summary
         custom_search vertex_search behavior_model ranking_weights xgboost_model proxy_request)

chosen=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --time) SECONDS_EACH="$2"; shift 2 ;;
    --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) chosen+=("$1"); shift ;;
  esac
done
[[ ${#chosen[@]} -gt 0 ]] || chosen=("${TARGETS[@]}")

command -v clang++-14 >/dev/null || { echo "fuzz.sh: clang++-14 is missing (scripts/install.sh installs it)" >&2; exit 2; }
cmake -S . -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug -DBANK_FUZZ=ON >/dev/null
cmake --build "$BUILD" -j"${JOBS:-2}" --target fuzz_targets >/dev/null

# The proxy target keeps its temporary bank (SQLite store included) in memory, not on disk.
scratch=$(mktemp -d /dev/shm/bank-fuzz-XXXXXX)
trap 'rm -rf "$scratch"' EXIT

printf '%-20s %12s %9s %7s %7s %8s %8s %7s\n' target execs exec/s cov ft corpus crashes seconds
failed=0
for t in "${chosen[@]}"; do
  bin="$BUILD/tests/fuzz/fuzz_$t"
  [[ -x "$bin" ]] || { echo "fuzz.sh: no target $t (see --list)" >&2; exit 2; }
  work="$BUILD/corpus/$t" artifacts="$BUILD/artifacts/$t" log="$BUILD/logs/$t.log"
  mkdir -p "$work" "$artifacts" "$BUILD/logs"
  start=$(date +%s)
  touch "$scratch/started"
  set +e
  extra=()
  # A server allocates in one request what it frees in another (sessions, caches, the store), so
  # libFuzzer's leak check after each unbalanced input would scan the whole heap every time.
  [[ $t == proxy_request ]] && extra+=(-detect_leaks=0)
  TMPDIR="$scratch" nice -n 10 "$bin" -runs="$RUNS" -max_total_time="$SECONDS_EACH" -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${extra[@]}" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1
  status=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
  crashes=$(find "$artifacts" -type f -newer "$scratch/started" | wc -l)
  printf '%-20s %12s %9s %7s %7s %8s %8s %7s\n' "$t" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "${cov:--}" "${ft:--}" "${corp:--}" "$crashes" "$elapsed"
  if [[ $status -ne 0 || $crashes -gt 0 ]]; then
    failed=1
    echo "  $t: exit $status, see $log and $artifacts/" >&2
  fi
done
exit $failed
