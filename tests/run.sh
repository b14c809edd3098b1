#!/bin/sh
# Runs every test binary given, from the repository root, TEST_JOBS at a
# time (default: the online CPUs), and ends with one summary line:
# "tests: N passed, N failed".
#
# Each binary's output goes to $BUILD/tests/log/<name>.log and is printed
# whole when the binary ends, so the outputs of binaries running side by
# side never interleave.  The slowest binaries of the last run start first
# (their wall and CPU times are kept in $BUILD/tests/times; tests/times
# before the first run), which keeps both cores busy to the end.  The
# shared renders of the samples (testutil.h, shared_render) are made afresh
# once per run.
# PHAEN (the program under test) and BUILD are passed on in the environment.
build=${BUILD:-build}
logs="$build/tests/log"
times="$build/tests/times"

# one binary: its log, its exit status, its wall and CPU times, with as
# few processes as it can (each costs as much as a small test): the times
# are raw here ("t0 t1 name", then what `times` says) and read by one awk
# at the end
run_one() {
    name=${1##*/}
    read -r t0 rest </proc/uptime
    "$1" >"$logs/$name.log" 2>&1
    echo $? >"$logs/$name.rc"
    read -r t1 rest </proc/uptime
    # CPU: the last line of `times` (user and system of the binary and all
    # it ran); in this shell, as in $(...) it would count nothing
    { echo "$t0 $t1 $name"; times; } >"$logs/$name.raw"
    flock "$logs/.print" cat "$logs/$name.log"
}

if [ "${1:-}" = --one ]; then
    shift
    run_one "$1"
    exit 0
fi

jobs=${TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
rm -rf "$logs" "$build/tests/out/shared"
mkdir -p "$logs" "$build/tests/out"
# a first run (a fresh clone, CI) orders by the times committed in
# tests/times (a copy of a run's $build/tests/times; only the order
# matters): in name order, a clone's first run left test_bad_day's 2 s for
# last, beside an idle core (16.1 s against 14.9)
[ -s "$times" ] || cp tests/times "$times" 2>/dev/null || touch "$times"
export BUILD="$build" PHAEN

read -r t_start rest </proc/uptime
# slowest first (by the CPU time of the last run: its wall time depends on
# what ran beside it), those never timed before all of them
printf '%s\n' "$@" | awk -v times="$times" 'BEGIN {
        while ((getline l < times) > 0) { split(l, f, " "); cpu[f[2]] = f[3] } }
    { n = $0; sub(/.*\//, "", n); print (n in cpu ? cpu[n] : 9999), $0 }' |
    sort -rn -k1,1 | cut -d' ' -f2 |
    xargs -P "$jobs" -n 1 sh "$0" --one

# what each binary's log says (one awk for all: a few processes a binary
# here cost a second)
summary=$(for t in "$@"; do
    rc=1
    [ -r "$logs/${t##*/}.rc" ] && read -r rc <"$logs/${t##*/}.rc"
    echo "$t $rc $logs/${t##*/}.log"
done | awk '{
    p = 0; f = ""
    while ((getline line < $3) > 0) {
        if (line ~ /^\[  PASSED  \] [0-9]+ test/) { split(line, a, " "); p = a[4] }
        if (line ~ /^\[  FAILED  \] [0-9]+ test/) { split(line, a, " "); f = a[4] }
    }
    close($3)
    passed += p
    if ($2 != 0 || f != "") { failed += (f != "" ? f : 1); bins = bins " " $1 }
} END { print passed + 0, failed + 0 bins }')
read -r passed failed failed_bins <<EOF_SUMMARY
$summary
EOF_SUMMARY
# this run's times, and the last known ones of the binaries not run now
# (wall seconds, name, CPU seconds: user + system of its last `times` line)
awk 'function put(  c, f, a, i) { c = 0; split(l, f, " ")
        for (i = 1; i <= 2; i++) { split(f[i], a, "m"); c += a[1] * 60 + a[2] }
        printf "%.2f %s %.2f\n", t1 - t0, n, c }
    FNR == 1 { if (NR > 1) put(); t0 = $1; t1 = $2; n = $3 } { l = $0 }
    END { if (NR) put() }' "$logs"/*.raw >"$logs/times" 2>/dev/null
awk 'FNR == NR { seen[$2] = 1; print; next } !seen[$2]' "$logs/times" "$times" |
    sort -rn >"$times.new" && mv "$times.new" "$times"
read -r t_end rest </proc/uptime
wall=$(echo "$t_start $t_end" | awk '{ printf "%.1f", $2 - $1 }')
cpu=$(awk '{ c += $3 } END { printf "%.1f", c }' "$logs/times")
echo "slowest (s wall/CPU):" $(head -n 4 "$times" | awk '{ printf "%s %s/%s, ", $2, $1, $3 }' | sed 's/, $//')
[ -n "$failed_bins" ] && echo "failing:$failed_bins"
echo "tests: $passed passed, $failed failed ($# binaries, $jobs at a time, $wall s, $cpu s CPU)"
[ "$failed" -eq 0 ]
