#!/bin/sh
# Runs every test binary given, from the repository root, and ends with one
# summary line: "tests: N passed, N failed".
# PHAEN (the program under test) and BUILD are passed on in the environment.
passed=0; failed=0; failed_bins=""
mkdir -p "${BUILD:-build}/tests/out"
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    passed=$((passed + ${p:-0}))
    if [ "$rc" -ne 0 ] || [ -n "$f" ]; then
        failed=$((failed + ${f:-1})); failed_bins="$failed_bins $t"
    fi
done
[ -n "$failed_bins" ] && echo "failing:$failed_bins"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
