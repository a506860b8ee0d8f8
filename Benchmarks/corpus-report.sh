#!/usr/bin/env bash
# Every document of the corpus, as a user would generate it: counts, diagnostics and build times.
#
#     Benchmarks/corpus-report.sh [--corpus DIR] [--no-build]
#
# Finds every OpenAPI or Swagger document under DIR (default ../shared/corpus: a YAML or JSON file
# with `openapi` or `swagger` at its top; the files those documents refer to are parts of them), and
# for each prints one row: operations, types, errors, warnings, the time of `spec2swift generate`
# into an empty folder (release binary, median of 3) and its ratio to libyaml's event pull of the
# same file (median of 3, measured alternately in the same run), and the clean debug build of its
# generated target. Then the warnings by kind (the message with its quoted names and numbers left
# out). The targets share one package, so the runtime is built once (its time is printed apart);
# each generated target is then built on its own, one after another.
#
# --no-build skips the package build. The package is made in .build-bench/corpus-report. Timings are
# not assertions: run this on a quiet machine.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$repo/../shared/corpus"
build=true
while [ $# -gt 0 ]; do
    case "$1" in
        --corpus) corpus="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
corpus="$(cd "$corpus" && pwd)"

work="$repo/.build-bench/corpus-report"
package="$work/package"
rm -rf "$work"
mkdir -p "$package/Sources"
log="$work/log.txt"

echo "building spec2swift and spec2swift-bench-events (release)"
swift build --package-path "$repo" -c release --product spec2swift > "$log" 2>&1
swift build --package-path "$repo" -c release --product spec2swift-bench-events >> "$log" 2>&1
bin="$repo/.build/release"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)] }'; }
seconds() { /usr/bin/time -f '%e' -o "$work/time.txt" "$@" > /dev/null 2>&1 || true; cat "$work/time.txt" | tail -1; }

documents=()
while IFS= read -r file; do
    if grep -qE '^ {0,4}"?(openapi|swagger)"? *:' "$file"; then documents+=("$file"); fi
done < <(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | LC_ALL=C sort)

rows="$work/rows.txt"
: > "$rows"
: > "$work/warnings.txt"
targets=()
for document in "${documents[@]}"; do
    relative="${document#"$corpus"/}"
    # A target name from the path: its words, capitalised (oai-examples/examples/v3.0/petstore.json -> OaiExamplesExamplesV30Petstore).
    name="$(echo "${relative%.*}" | tr -c 'A-Za-z0-9\n' ' ' | awk '{ for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2) }')"
    case "$name" in [0-9]*) name="API$name" ;; esac
    output="$package/Sources/$name"
    : > "$work/gen.txt"; : > "$work/events.txt"
    for _ in 1 2 3; do
        rm -rf "$output"
        seconds "$bin/spec2swift-bench-events" "$document" >> "$work/events.txt"
        rm -rf "$output"
        seconds "$bin/spec2swift" generate "$document" --namespace "$name" --output "$output" >> "$work/gen.txt"
    done
    rm -rf "$output"
    status=0
    "$bin/spec2swift" generate "$document" --namespace "$name" --output "$output" > "$work/out.txt" 2>&1 || status=$?
    summary="$(grep -E '^spec2swift: [0-9]+ input' "$work/out.txt" || true)"
    operations="$(echo "$summary" | sed -nE 's/.* ([0-9]+) operations?,.*/\1/p')"
    types="$(echo "$summary" | sed -nE 's/.* ([0-9]+) types?;.*/\1/p')"
    errors="$(grep -c ': error: ' "$work/out.txt" || true)"
    warnings="$(grep -c ': warning: ' "$work/out.txt" || true)"
    grep ': warning: ' "$work/out.txt" | sed -E "s/^.*: warning: //; s/ \([^()]*\)$//; s/'[^']*'/'…'/g; s/[0-9]+/N/g" \
        | sed "s|^|$relative\t|" >> "$work/warnings.txt" || true
    gen="$(median < "$work/gen.txt")"; events="$(median < "$work/events.txt")"
    ratio="$(awk -v a="$gen" -v b="$events" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')"
    if [ "$status" = 0 ] && [ -d "$output" ]; then targets+=("$name"); else rm -rf "$output"; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$relative" "$name" "${operations:--}" "${types:--}" "$errors" "$warnings" \
        "$gen" "$events" "$ratio" >> "$rows"
done

builds="$work/builds.txt"
: > "$builds"
if $build && [ ${#targets[@]} -gt 0 ]; then
    {
        echo "// swift-tools-version:6.1"
        echo "import PackageDescription"
        echo "let package = Package(name: \"CorpusReport\", platforms: [.macOS(.v13)],"
        echo "    dependencies: [.package(name: \"spec2swift\", path: \"$repo\", traits: [])],"
        echo "    targets: ["
        for name in "${targets[@]}"; do
            echo "        .target(name: \"$name\", dependencies: [.product(name: \"Spec2SwiftRuntime\", package: \"spec2swift\")]),"
        done
        echo "    ], swiftLanguageModes: [.v6])"
    } > "$package/Package.swift"
    swift package --package-path "$package" resolve >> "$log" 2>&1
    runtime="$(seconds swift build --package-path "$package" --target Spec2SwiftRuntime)"
    echo "runtime (Spec2SwiftRuntime), clean debug build: $runtime s"
    for name in "${targets[@]}"; do
        status=0
        /usr/bin/time -f '%e' -o "$work/time.txt" swift build --package-path "$package" --target "$name" > "$work/build.txt" 2>&1 || status=$?
        cat "$work/build.txt" >> "$log"
        problems="$(grep -E ': (warning|error):' "$work/build.txt" | grep -c "$package/Sources/$name/" || true)"
        printf '%s\t%s\t%s\t%s\n' "$name" "$(tail -1 "$work/time.txt")" "$problems" "$status" >> "$builds"
    done
fi

echo
echo "| document | operations | types | errors | warnings | generate (s) | libyaml (s) | ratio | debug build (s) | compiler warnings/errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r relative name operations types errors warnings gen events ratio; do
    built="$(awk -F'\t' -v n="$name" '$1 == n { printf "%s\t%s%s", $2, $3, ($4 == 0 ? "" : " (exit " $4 ")") }' "$builds")"
    seconds_built="${built%%$'\t'*}"; problems="${built#*$'\t'}"
    [ -n "$built" ] || { seconds_built="-"; problems="-"; }
    echo "| $relative | $operations | $types | $errors | $warnings | $gen | $events | $ratio | $seconds_built | $problems |"
done < "$rows"
echo
echo "warnings by kind (count, document, message without its names and numbers):"
sort "$work/warnings.txt" | uniq -c | sort -k2,2 -k1,1rn | sed 's/^/  /'
echo
echo "full log: $log"
