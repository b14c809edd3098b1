#!/bin/sh
# Runs the benchmark (make bench): generates the synthetic plans into
# $BUILD/bench (same bytes every time), then one process per document and
# size, and prints one table.  Run from the repository root.
#   BENCH_SIZES  the plan sizes in projects (default: 10 100 1000 10000)
#   BENCH_JOBS   the -j values for the sheets (default: 1 2; only the last
#                one at 10,000 projects and more, unless BENCH_FULL=1, so
#                that the whole run stays within a few minutes)
# Then the same-content comparison: the master plan and the action plan in
# one run of phaen (-j1, -j2) against the bare pango+cairo floor
# (tests/bench/floor.c: the plan's text, no contents, links, justification)
# at each size: pages per second of both, their ratio, peak memory.
set -e
BUILD=${BUILD:-build}
dir=$BUILD/bench
sizes=${BENCH_SIZES:-10 100 1000 10000}
jobs=${BENCH_JOBS:-1 2}
export PHAEN_DATADIR=.
for n in $sizes; do
    "$dir/gen" "$n" "$dir/plan-$n.xml"
    "$BUILD/phaen" check --strict "$dir/plan-$n.xml"
done
rows=$dir/rows.txt
: > "$rows"
"$dir/bench" --header
for n in $sizes; do
    out=$dir/out-$n
    rm -rf "$out" && mkdir -p "$out"
    "$dir/bench" "$dir/plan-$n.xml" master "$out"
    "$dir/bench" "$dir/plan-$n.xml" action "$out"
    for j in $jobs; do
        last=${jobs##* }
        [ "$n" -ge 10000 ] && [ -z "$BENCH_FULL" ] && [ "$j" != "$last" ] && continue
        rm -rf "$out/sheets"
        "$dir/bench" "$dir/plan-$n.xml" "sheets-j$j" "$out" "$BUILD/phaen"
    done
    "$BUILD/bench/floor" "$dir/plan-$n.xml" "$out" | tee -a "$rows"
    for j in 1 2; do
        "$dir/bench" "$dir/plan-$n.xml" "docs-j$j" "$out" "$BUILD/phaen" | tee -a "$rows"
    done
done
echo
echo "same content: phaen master + action plan against the bare pango+cairo floor"
awk '
    $2 == "floor" { fl[$1] = $(NF-1); fm[$1] = $NF; fp[$1] = $(NF-2); order[++n] = $1 }
    # phaen rows end with the spaced% column (the floor prints none)
    $2 == "m+a" && $3 == "-j1" { p1[$1] = $(NF-2); m1[$1] = $(NF-1); pg[$1] = $(NF-3) }
    $2 == "m+a" && $3 == "-j2" { p2[$1] = $(NF-2); m2[$1] = $(NF-1) }
    END {
        printf("%8s %6s %10s %10s %6s %10s %6s %8s %8s\n", "projects", "pages", "-j1 p/s",
               "-j2 p/s", "ratio", "floor p/s", "pages", "peak MB", "floor MB")
        for (i = 1; i <= n; i++) {
            k = order[i]
            r = fl[k] > 0 ? p2[k] / fl[k] : 0
            m = m1[k] > m2[k] ? m1[k] : m2[k]
            printf("%8s %6s %10.1f %10.1f %6.2f %10.1f %6s %8.1f %8.1f\n", k, pg[k], p1[k],
                   p2[k], r, fl[k], fp[k], m, fm[k])
        }
        print "ratio: phaen -j2 pages/s over the floor (one thread); peak MB: the larger of -j1, -j2"
    }' "$rows"
