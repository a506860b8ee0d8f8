#!/usr/bin/env bash
# Build time of generated code, against a baseline commit's output, in one run.
#
#     Benchmarks/build-time.sh [--baseline REF] [--runs N] [--release] [--profile] DOCUMENT[=Namespace]...
#
# For each document, generates a package with this checkout's spec2swift and one with the baseline
# commit's (default e4cfd2a), each against its own runtime, and builds both clean in debug, alternating
# baseline and current, N times (default 3). Prints the medians, their ratio, and the peak resident
# memory of the largest compiler process. A build is timed in two parts: the runtime alone, then the
# generated target on top of it (the figure that the shape of the generated code decides); their sum
# is the clean build of the package.
#
# --release also builds each package clean in release (once each). --profile adds one more debug build
# of the current output with -debug-time-function-bodies and -stats-output-dir, and prints the slowest
# function bodies, the slowest files and the summed compiler phases.
#
# The baseline's spec2swift is built once in .build-bench/baseline-REF (a git worktree); packages are
# made in .build-bench/packages. Timings are not assertions: run this on a quiet machine and compare the
# ratios of one run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
baseline_ref=e4cfd2a
runs=3
release=false
profile=false
documents=()
while [ $# -gt 0 ]; do
    case "$1" in
        --baseline) baseline_ref="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --release) release=true; shift ;;
        --profile) profile=true; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) documents+=("$1"); shift ;;
    esac
done
[ ${#documents[@]} -gt 0 ] || documents=("$repo/../shared/corpus/gcore/cloud_api.yaml=Gcore")

bench="$repo/.build-bench"
mkdir -p "$bench/packages"
log="$bench/last-run.log"
: > "$log"

say() { printf '%s\n' "$*"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)] }'; }

# The two generators.
current_bin="$repo/.build/debug/spec2swift"
say "building this checkout's spec2swift"
swift build --package-path "$repo" --product spec2swift >> "$log" 2>&1
baseline_src="$bench/baseline-$baseline_ref"
if [ ! -d "$baseline_src" ]; then
    git -C "$repo" worktree add --detach "$baseline_src" "$baseline_ref" >> "$log" 2>&1
fi
say "building spec2swift at $baseline_ref (once; kept in $baseline_src)"
swift build --package-path "$baseline_src" --product spec2swift >> "$log" 2>&1
baseline_bin="$baseline_src/.build/debug/spec2swift"

# Generates DOCUMENT as package NAME with generator BIN and runtime RUNTIME into DIR, resolved.
generate() {
    local bin="$1" runtime="$2" document="$3" namespace="$4" name="$5" dir="$6"
    rm -rf "$dir"
    "$bin" generate "$document" --namespace "$namespace" --output "$dir" --package "$name" \
        --runtime "$runtime" >> "$log" 2>&1
    swift package --package-path "$dir" resolve >> "$log" 2>&1
}

# Builds DIR clean (keeping the resolved dependencies) in CONFIGURATION; extra arguments after it go
# to the build of the generated target only.
# Prints "runtime-seconds target-seconds peak-KiB warnings status".
build_clean() {
    local dir="$1" configuration="$2"; shift 2
    rm -rf "$dir/.build/$configuration" "$dir/.build/x86_64-unknown-linux-gnu" "$dir/.build/aarch64-unknown-linux-gnu"
    local times="$bench/time.txt" out="$bench/build.txt"
    /usr/bin/time -f '%e %M' -o "$times" swift build --package-path "$dir" -c "$configuration" \
        --target Spec2SwiftRuntime > "$out" 2>&1 || true
    local runtime_seconds runtime_peak
    read -r runtime_seconds runtime_peak < "$times"
    local status=0
    /usr/bin/time -f '%e %M' -o "$times" swift build --package-path "$dir" -c "$configuration" "$@" \
        > "$out" 2>&1 || status=$?
    local target_seconds target_peak
    read -r target_seconds target_peak < "$times"
    cat "$out" >> "$log"
    local warnings
    warnings=$(grep -c -E ': (warning|error):' "$out" || true)
    local peak=$(( runtime_peak > target_peak ? runtime_peak : target_peak ))
    echo "$runtime_seconds $target_seconds $peak $warnings $status"
}

for entry in "${documents[@]}"; do
    document="${entry%%=*}"
    namespace="${entry#*=}"
    [ "$namespace" != "$entry" ] || namespace="API"
    if [ ! -f "$document" ]; then say "skipping $document: not found"; continue; fi
    name="$(basename "$document" | sed 's/\.[^.]*$//; s/[^A-Za-z0-9]//g')"
    [ -n "$name" ] || name=Bench
    current_dir="$bench/packages/$name-current"
    baseline_dir="$bench/packages/$name-baseline"
    generate "$current_bin" "$repo" "$document" "$namespace" "${name}Current" "$current_dir"
    generate "$baseline_bin" "$baseline_src" "$document" "$namespace" "${name}Baseline" "$baseline_dir"
    files_current=$(find "$current_dir/Sources" -name '*.swift' | wc -l)
    lines_current=$(find "$current_dir/Sources" -name '*.swift' -exec cat {} + | wc -l)
    files_baseline=$(find "$baseline_dir/Sources" -name '*.swift' | wc -l)
    lines_baseline=$(find "$baseline_dir/Sources" -name '*.swift' -exec cat {} + | wc -l)
    say ""
    say "== $document ($namespace)"
    say "baseline $baseline_ref: $files_baseline files, $lines_baseline lines; current: $files_current files, $lines_current lines"

    : > "$bench/base.txt"; : > "$bench/cur.txt"
    for run in $(seq 1 "$runs"); do
        for side in baseline current; do
            dir="$baseline_dir"; [ "$side" = current ] && dir="$current_dir"
            result="$(build_clean "$dir" debug)"
            read -r rt tg peak warnings status <<< "$result"
            say "run $run $side: runtime ${rt} s + generated ${tg} s, peak $((peak / 1024)) MiB, $warnings warnings or errors, exit $status"
            if [ "$side" = baseline ]; then echo "$result" >> "$bench/base.txt"; else echo "$result" >> "$bench/cur.txt"; fi
        done
    done
    for side in base cur; do
        file="$bench/$side.txt"
        eval "${side}_target=$(awk '{ print $2 }' "$file" | median)"
        eval "${side}_total=$(awk '{ print $1 + $2 }' "$file" | median)"
        eval "${side}_peak=$(awk '{ print int($3 / 1024) }' "$file" | median)"
    done
    say "debug, medians of $runs: generated target $base_target s -> $cur_target s ($(awk -v a="$cur_target" -v b="$base_target" 'BEGIN { printf "%.2f", a / b }')x);" \
        "whole package $base_total s -> $cur_total s ($(awk -v a="$cur_total" -v b="$base_total" 'BEGIN { printf "%.2f", a / b }')x);" \
        "peak $base_peak MiB -> $cur_peak MiB"

    if $release; then
        for side in baseline current; do
            dir="$baseline_dir"; [ "$side" = current ] && dir="$current_dir"
            read -r rt tg peak warnings status <<< "$(build_clean "$dir" release)"
            say "release $side: runtime ${rt} s + generated ${tg} s, peak $((peak / 1024)) MiB, $warnings warnings or errors, exit $status"
        done
    fi

    if $profile; then
        set +o pipefail # head ends the pipes below early
        stats="$bench/stats-$name"
        rm -rf "$stats"; mkdir -p "$stats"
        build_clean "$current_dir" debug -Xswiftc -Xfrontend -Xswiftc -debug-time-function-bodies \
            -Xswiftc -stats-output-dir -Xswiftc "$stats" > /dev/null
        say "slowest function bodies (current output):"
        grep -h -E '^[0-9.]+ms' "$bench/build.txt" | sort -u | sort -rn | head -15 | sed 's/^/  /'
        say "function-body time by file (top 10):"
        grep -h -E '^[0-9.]+ms' "$bench/build.txt" | sort -u \
            | awk -F'\t' '{ split($2, p, ":"); n = split(p[1], q, "/"); t[q[n]] += $1 } END { for (f in t) printf "%10.1fms %s\n", t[f], f }' \
            | sort -rn | head -10 | sed 's/^/  /'
        say "compiler phases summed over the frontend jobs of the generated target (seconds):"
        cat "$stats"/*"-${name}Current-"*.json 2>/dev/null | grep -E '"time\.swift\..*\.wall"' \
            | sed -E 's/^\s*"time\.swift\.(.*)\.wall": *([0-9.e+-]+).*/\2\t\1/' \
            | awk -F'\t' '{ t[$2] += $1 } END { for (k in t) printf "%10.2f %s\n", t[k], k }' | sort -rn | head -12 | sed 's/^/  /'
        say "constraint-solver scopes, summed: $(cat "$stats"/*.json 2>/dev/null | grep -E '"Sema\.NumConstraintScopes"' | awk -F: '{ s += $2 } END { print s + 0 }')"
        set -o pipefail
    fi
done
say ""
say "full log: $log"
