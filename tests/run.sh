#!/bin/sh
# Runs every test binary given, from the repository root, TEST_JOBS at a
# time (default: the online CPUs), and ends with one summary line:
# "tests: N passed, N failed".
#
# Each binary's output goes to $BUILD/tests/log/<name>.log and is printed
# whole when the binary ends, so the outputs of binaries running side by
# side never interleave.  The slowest binaries of the last run start first
# (their wall and CPU times are kept in $BUILD/tests/times), which keeps both cores busy
# to the end.  The shared renders of the samples (testutil.h,
# shared_render) are made afresh once per run.
# PHAEN (the program under test) and BUILD are passed on in the environment.
build=${BUILD:-build}
jobs=${TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
logs="$build/tests/log"
times="$build/tests/times"

# one binary: its log, its exit status, its wall time
run_one() {
    name=$(basename "$1")
    t0=$(date +%s.%N)
    "$1" >"$logs/$name.log" 2>&1
    echo $? >"$logs/$name.rc"
    t1=$(date +%s.%N)
    # wall seconds, name, CPU seconds (user + system, the binary and all it ran)
    times >"$logs/$name.cpu" # (in this shell: in $(...) it would count nothing)
    echo "$t0 $t1 $(tail -n 1 "$logs/$name.cpu")" | awk -v n="$name" '{
        c = 0
        for (i = 3; i <= 4; i++) { split($i, a, "m"); c += a[1] * 60 + a[2] }
        printf "%.2f %s %.2f\n", $2 - $1, n, c }' >"$logs/$name.time"
    flock "$logs/.print" cat "$logs/$name.log"
}

if [ "${1:-}" = --one ]; then
    shift
    run_one "$1"
    exit 0
fi

rm -rf "$logs" "$build/tests/out/shared"
mkdir -p "$logs" "$build/tests/out"
touch "$times"
export BUILD="$build" PHAEN

t_start=$(date +%s.%N)
# slowest first (by the CPU time of the last run: its wall time depends on
# what ran beside it), those never timed before all of them
for t in "$@"; do
    s=$(awk -v n="$(basename "$t")" '$2 == n { print $3 }' "$times")
    echo "${s:-9999} $t"
done | sort -rn -k1,1 | cut -d' ' -f2 |
    xargs -P "$jobs" -n 1 sh "$0" --one

passed=0; failed=0; failed_bins=""
for t in "$@"; do
    name=$(basename "$t")
    rc=$(cat "$logs/$name.rc" 2>/dev/null || echo 1)
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
    passed=$((passed + ${p:-0}))
    if [ "$rc" -ne 0 ] || [ -n "$f" ]; then
        failed=$((failed + ${f:-1})); failed_bins="$failed_bins $t"
    fi
done
# this run's times, and the last known ones of the binaries not run now
cat "$logs"/*.time >"$logs/times" 2>/dev/null
awk 'FNR == NR { seen[$2] = 1; print; next } !seen[$2]' "$logs/times" "$times" |
    sort -rn >"$times.new" && mv "$times.new" "$times"
wall=$(echo "$t_start $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')
cpu=$(awk '{ c += $3 } END { printf "%.1f", c }' "$logs/times")
echo "slowest (s wall/CPU):" $(head -n 4 "$times" | awk '{ printf "%s %s/%s, ", $2, $1, $3 }' | sed 's/, $//')
[ -n "$failed_bins" ] && echo "failing:$failed_bins"
echo "tests: $passed passed, $failed failed ($# binaries, $jobs at a time, $wall s, $cpu s CPU)"
[ "$failed" -eq 0 ]
