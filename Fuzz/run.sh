#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) and runs each, one after another, until it has
# executed RUNS inputs or SECONDS have passed, whichever comes first:
#
#   [RUNS=N] Fuzz/run.sh [SECONDS] [TARGET...]   TARGET: yaml openapi descriptor generate runtime (default: all)
#                                                SECONDS: 3600 unless given; RUNS: 1000000 unless given
#
# Seeds come from Tests/Golden, Tests/Catalog, specs/ and slices of ../shared/corpus made at run time;
# what each target learns is kept in .build-fuzz/corpus/TARGET, so runs add up. A crash or a broken
# invariant stops that target and leaves the input in .build-fuzz/artifacts/; replay it with
# `.build-fuzz/build/release/fuzz-TARGET FILE`, then add it to the normal tests. The 60 s timeout stands
# for a hang: the slowest legal input (the catalog's reference multiplication, stopped by the schema
# budget) takes 0.3 s in a release build and 9 s in this instrumented one, which generates three times. Leak detection is off:
# LeakSanitizer takes the storage of Swift's lazily made globals for leaks.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
runs=${RUNS:-1000000}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml openapi descriptor generate runtime)
work=.build-fuzz
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"

# The seed writer is an ordinary program (libFuzzer would supply the fuzz targets' main).
swift build --package-path Fuzz --scratch-path "$work/seeds-build" --product fuzz-seeds
"$work/seeds-build/debug/fuzz-seeds" "$PWD" "$work/seeds"

status=0
for target in "${targets[@]}"; do
    # --sanitize links libFuzzer and ASan; -Xswiftc instruments every module for coverage.
    swift build --package-path Fuzz --scratch-path "$work/build" -c release --sanitize=fuzzer --sanitize=address \
        -Xswiftc -sanitize=fuzzer,address --product "fuzz-$target"
    mkdir -p "$work/corpus/$target"
    echo "== fuzz-$target for ${runs} runs or ${seconds}s"
    if ! "$work/build/release/fuzz-$target" "$work/corpus/$target" "$work/seeds/$target" \
        -max_total_time="$seconds" -runs="$runs" -timeout=60 -rss_limit_mb=4096 -max_len=65536 \
        -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 >"$work/logs/$target.log" 2>&1; then
        echo "fuzz-$target stopped on a finding: see $work/logs/$target.log and $work/artifacts/"
        status=1
    fi
    grep -E "^#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|SUMMARY|invariant failed" "$work/logs/$target.log" | tail -4
done
exit $status
