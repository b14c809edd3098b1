#!/bin/sh
# Runs the benchmark (make bench): generates the synthetic plans into
# $BUILD/bench (same bytes every time), then one process per document and
# size, and prints one table.  Run from the repository root.
#   BENCH_SIZES  the plan sizes in projects (default: 10 100 1000 10000)
#   BENCH_JOBS   the -j values for the sheets (default: 1 2; only the last
#                one at 10,000 projects and more, unless BENCH_FULL=1, so
#                that the whole run stays within a few minutes)
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
done
