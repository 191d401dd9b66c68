#!/usr/bin/env bash
# The native tests under AddressSanitizer and UndefinedBehaviorSanitizer: the unit tests
# (bank_tests) and the proxy tests (proxy_tests, which also start the sanitized bank-proxy binary),
# built in build/sanitize and run so that the first finding fails the run. Part of `make test`.
#
#   tests/sanitize/run.sh        configure, build (JOBS=2 by default) and run
#
# The two [slow] tests of bank_tests are left out: they parse 100 MB three times to measure a time
# ratio, which says nothing more under a sanitizer and takes minutes there. RELIABILITY.md has the
# run's wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD=build/sanitize
SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

started=$(date +%s)
# GCC's -Wmaybe-uninitialized misfires inside <regex> once ASan instruments it: silenced here only.
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1 -g $SANITIZE -Wno-maybe-uninitialized" >/dev/null
cmake --build "$BUILD" -j"${JOBS:-2}" --target bank_tests proxy_tests bank-proxy >/dev/null
built=$(date +%s)

# Every finding is fatal and printed with its stack; leaks are findings too.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:print_summary=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"

"$BUILD/tests/bank_tests" "~[slow]"
"$BUILD/tests/proxy/proxy_tests"

echo "sanitize: ASan + UBSan clean (build $((built - started)) s, tests $(( $(date +%s) - built )) s)"
