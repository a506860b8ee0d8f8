// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for spec2swift, apart from the main package so that `swift test` never builds
// them. Build and run them all with `Fuzz/run.sh SECONDS` (README, "Fuzzing"); they must be built with
// `--sanitize=fuzzer --sanitize=address`, since libFuzzer supplies their `main`.
let generator: Target.Dependency = .product(name: "Spec2SwiftGenerator", package: "spec2swift")

let package = Package(
    name: "spec2swift-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "spec2swift", path: ".."),
    ],
    targets: [
        // What the targets share: checks that abort with a message, structural mutations, a YAML writer.
        .target(name: "FuzzSupport", dependencies: [.product(name: "Spec2SwiftGenerator", package: "spec2swift")]),
        // libFuzzer's custom mutator for YAML; only the fuzz targets link libFuzzer.
        .target(name: "FuzzMutator", dependencies: ["FuzzSupport", generator]),
        .executableTarget(name: "fuzz-yaml", dependencies: ["FuzzSupport", generator]),
        .executableTarget(name: "fuzz-openapi", dependencies: ["FuzzSupport", "FuzzMutator", generator]),
        .executableTarget(name: "fuzz-descriptor", dependencies: ["FuzzSupport", "FuzzMutator", generator]),
        .executableTarget(name: "fuzz-generate", dependencies: ["FuzzSupport", "FuzzMutator", generator]),
        .executableTarget(name: "fuzz-runtime", dependencies: [
            .product(name: "Spec2SwiftRuntime", package: "spec2swift"), .product(name: "Generated", package: "spec2swift"),
        ]),
        // Not a fuzz target: writes the seed corpora (slices of real documents) before a run.
        .executableTarget(name: "fuzz-seeds", dependencies: ["FuzzSupport", generator]),
    ],
    swiftLanguageModes: [.v6]
)
