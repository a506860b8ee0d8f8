import CYAML
import Foundation
import GeneratorDriver
import YAMLReader

// Benchmarks spec2swift against libyaml's bare parse of the same document, in one run, so that the
// ratios hold on a shared, noisy machine. Build in release: `swift run -c release spec2swift-bench`.
//
//     spec2swift-bench [DOCUMENT] [--runs N] [--build] [--whole-process]
//
// DOCUMENT defaults to ../shared/corpus/gcore/cloud_api.yaml. `--build` also times a clean debug
// `swift build` of the generated package and a rebuild after one schema file changes.
// `--whole-process` times processes instead, alternating: `spec2swift-bench-events` pulling
// libyaml's events and exiting (a small program: this one links the whole generator and starts up
// several times slower), against `spec2swift generate` (both built beside this program) regenerating
// an up-to-date folder; start-up, reading, lowering, printing, comparing and the manifest included.

struct Options {
    var document = "../shared/corpus/gcore/cloud_api.yaml"
    var runs = 15
    var build = false
    var wholeProcess = false

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs": runs = rest.popFirst().flatMap(Int.init) ?? runs
            case "--build": build = true
            case "--whole-process": wholeProcess = true
            default: document = argument
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
guard let data = FileManager.default.contents(atPath: options.document) else {
    FileHandle.standardError.write(Data("spec2swift-bench: cannot read \(options.document)\n".utf8))
    exit(1)
}
let bytes = Array(data)

/// The baseline: libyaml pulls every event of the document and does nothing else.
func pullEvents(_ bytes: [UInt8]) -> Int {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) != 0 else { return 0 }
    defer { yaml_parser_delete(parser) }
    var count = 0
    bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        yaml_parser_set_input_string(parser, base, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(parser, &event) != 0 {
            count += 1
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if done { break }
        }
    }
    return count
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// Runs the stages in turn, `runs` times, and returns each stage's median.
func measure(_ stages: [(String, () -> Void)], runs: Int) -> [(String, Double)] {
    var samples = Array(repeating: [Double](), count: stages.count)
    let clock = ContinuousClock()
    for _ in 0..<runs {
        for (index, stage) in stages.enumerated() {
            samples[index].append(seconds(clock.measure(stage.1)))
        }
    }
    return zip(stages, samples).map { ($0.0, median($1)) }
}

func peakMemoryMiB(_ who: __rusage_who) -> Double {
    var usage = rusage()
    getrusage(who.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
}

/// Runs a program to its end, its output thrown away; its wall time in seconds, or nil when it
/// failed. `posix_spawn` and `waitpid`, because `Process.waitUntilExit` notices the end only at its
/// next poll (its times came out in steps of 50 ms).
func timeProcess(_ executable: String, _ arguments: [String]) -> Double? {
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let start = ContinuousClock.now
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    guard waitpid(pid, &status, 0) == pid else { return nil }
    let elapsed = seconds(ContinuousClock.now - start)
    return status == 0 ? elapsed : nil
}

/// Regeneration against libyaml's event pull, whole process against whole process (`--whole-process`).
/// Returns the exit status; its output folder is removed on every path (a top-level `exit` would skip a `defer`).
func timeWholeProcesses() -> Int32 {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    let generator = me.deletingLastPathComponent().appendingPathComponent("spec2swift").path
    let events = me.deletingLastPathComponent().appendingPathComponent("spec2swift-bench-events").path
    let folder = NSTemporaryDirectory() + "spec2swift-bench-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let generate = ["generate", options.document, "--namespace", "Gcore", "--output", folder]
    guard timeProcess(generator, generate) != nil else {
        FileHandle.standardError.write(Data("spec2swift-bench: \(generator) \(generate.joined(separator: " ")) failed\n".utf8))
        return 1
    }
    var baseline: [Double] = []
    var regeneration: [Double] = []
    for _ in 0..<options.runs {
        guard let pulled = timeProcess(events, [options.document]),
              let regenerated = timeProcess(generator, generate) else { return 1 }
        baseline.append(pulled)
        regeneration.append(regenerated)
    }
    print("document: \(options.document) (\(bytes.count) bytes); whole processes, alternating, medians of \(options.runs) runs:")
    print(String(format: "libyaml event pull (baseline)      %8.4f s", median(baseline)))
    print(String(format: "spec2swift generate, up to date    %8.4f s  %6.2fx baseline", median(regeneration),
                 median(regeneration) / median(baseline)))
    print("runs (baseline / regeneration): " + zip(baseline, regeneration).map { String(format: "%.3f/%.3f", $0, $1) }.joined(separator: " "))
    return 0
}

if options.wholeProcess { exit(timeWholeProcesses()) }

let input = InputSpec(path: options.document, namespace: "Gcore", authPrefixes: ["APIKey": "APIKey "])
var summary = ""
var eventCount = 0
let quiet = Driver(printOut: { _ in }, printError: { _ in })
/// On disk: regenerating into a folder that is already up to date (the usual run after a spec change
/// touches little). In memory (tmpfs, when there is one): writing every file into an empty folder,
/// which on disk mostly measures how fast the file system creates files.
let upToDate = NSTemporaryDirectory() + "spec2swift-bench-" + UUID().uuidString
let memoryFolder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/spec2swift-bench-" + UUID().uuidString : nil
_ = quiet.generate(input, output: upToDate, package: nil)

var stages: [(String, () -> Void)] = [
    ("libyaml event pull (baseline)", { eventCount = pullEvents(bytes) }),
    ("YAML node tree", { _ = try? YAMLReader().read(bytes) }),
    ("generation in memory", {
        let result = Generator.generate([input])
        summary = "\(result.operations) operations, \(result.types) types, \(result.files.count) files"
    }),
    ("regeneration, output up to date", { _ = quiet.generate(input, output: upToDate, package: nil) }),
]
if let memoryFolder {
    stages.append(("first generation to tmpfs", {
        _ = quiet.generate(input, output: memoryFolder, package: nil)
        try? FileManager.default.removeItem(atPath: memoryFolder)
    }))
}
let results = measure(stages, runs: options.runs)

let baseline = results[0].1
print("document: \(options.document) (\(bytes.count) bytes, \(eventCount) events); \(summary)")
print("medians of \(options.runs) runs:")
for (name, value) in results {
    let label = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    print(label + String(format: "%8.4f s  %6.2fx baseline", value, value / baseline))
}
print(String(format: "peak memory of this process: %.0f MiB", peakMemoryMiB(RUSAGE_SELF)))

// The scratch folders go now: a top-level `exit` would skip a `defer`.
try? FileManager.default.removeItem(atPath: upToDate)
if let memoryFolder { try? FileManager.default.removeItem(atPath: memoryFolder) }
guard options.build else { exit(0) }

/// Times a `swift build` of the generated package.
func timeBuild(_ directory: String) -> (seconds: Double, status: Int32, warnings: Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift", "build", "--package-path", directory]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let start = ContinuousClock.now
    do { try process.run() } catch { return (0, -1, 0) }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let warnings = text.split(separator: "\n").filter { $0.contains(": warning:") || $0.contains(": error:") }.count
    return (seconds(ContinuousClock.now - start), process.terminationStatus, warnings)
}

let package = NSTemporaryDirectory() + "spec2swift-bench-package"
try? FileManager.default.removeItem(atPath: package)
_ = Driver(printOut: { _ in }, printError: { print($0) }).generate(input, output: package, package: "GcoreCloud",
                                                                   runtime: .path(Driver.checkoutDirectory ?? "."))
let clean = timeBuild(package)
print(String(format: "clean debug build of the generated package: %.1f s (exit %d, %d errors or warnings)",
             clean.seconds, clean.status, clean.warnings))
print(String(format: "peak memory of the build (largest compiler process): %.0f MiB", peakMemoryMiB(RUSAGE_CHILDREN)))
let schema = package + "/Sources/GcoreCloud/Gcore/Models/Gcore.SecretSerializer.swift"
if var text = try? String(contentsOfFile: schema, encoding: .utf8) {
    text = text.replacingOccurrences(of: "/// Secret name", with: "/// Secret name (edited)")
    try? text.write(toFile: schema, atomically: true, encoding: .utf8)
    let rebuild = timeBuild(package)
    print(String(format: "rebuild after one schema file changes: %.1f s (exit %d)", rebuild.seconds, rebuild.status))
}
