// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "spec2swift",
    // The runtime's floor: Duration, ContinuousClock and Task.sleep(for:) (macOS 13, iOS 16, tvOS 16,
    // watchOS 9); per-task URLSession delegates need less (macOS 12, iOS 15). See the README.
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .executable(name: "spec2swift", targets: ["spec2swift"]),
        // What generated code imports; generated packages depend on this product.
        .library(name: "Spec2SwiftRuntime", targets: ["Spec2SwiftRuntime"]),
        // The committed output for specs/, so that other packages can use it.
        .library(name: "Generated", targets: ["Generated"]),
        // A logging middleware on swift-log, for clients that want it; the runtime itself stays Foundation-only.
        .library(name: "Spec2SwiftLogging", targets: ["Spec2SwiftLogging"]),
        // A transport on AsyncHTTPClient (SwiftNIO) for server-side Swift; built only by packages that use it.
        .library(name: "Spec2SwiftAsyncHTTPClient", targets: ["Spec2SwiftAsyncHTTPClient"]),
        // `swift package spec2swift [generate|check]`: regenerates committed sources in a target.
        .plugin(name: "Spec2SwiftCommandPlugin", targets: ["Spec2SwiftCommandPlugin"]),
        // Generates a target's client inside `swift build`, into the build folder.
        .plugin(name: "Spec2SwiftBuildPlugin", targets: ["Spec2SwiftBuildPlugin"]),
        // The generator's stages, for the fuzz targets in Fuzz/ (no promise of a stable API).
        .library(name: "Spec2SwiftGenerator", targets: ["YAMLReader", "APIModel", "OpenAPIFrontend", "DescriptorFrontend",
                                                        "SwiftLowering", "SwiftEmitter", "APIChanges", "GeneratorDriver"]),
    ],
    // Each trait brings in the packages one part needs; a package that uses only generated code
    // depends on this one with `traits: []` and resolves and builds nothing but the runtime.
    traits: [
        .trait(name: "Generator", description: "The spec2swift tool and its plugins (swift-argument-parser)."),
        .trait(name: "Logging", description: "The Spec2SwiftLogging product (swift-log)."),
        .trait(name: "AsyncHTTPClient", description: "The Spec2SwiftAsyncHTTPClient product (AsyncHTTPClient, SwiftNIO)."),
        .default(enabledTraits: ["Generator", "Logging", "AsyncHTTPClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
    ],
    targets: [
        // The system libyaml, through pkg-config.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // libyaml events -> a node tree in which every node keeps its line and column.
        .target(name: "YAMLReader", dependencies: ["CYAML"]),
        // The one intermediate model that both frontends lower into, with diagnostics and locations.
        .target(name: "APIModel"),
        // Work on all cores with deterministic results, and threads with large stacks (no model, no I/O).
        .target(name: "Parallelism"),
        // What both frontends need from YAML nodes (JSON values for defaults, examples, consts).
        .target(name: "FrontendSupport", dependencies: ["YAMLReader", "APIModel"]),
        // YAML nodes -> OpenAPI 3.0/3.1 -> APIModel.
        .target(name: "OpenAPIFrontend", dependencies: ["YAMLReader", "APIModel", "FrontendSupport", "Parallelism"]),
        // YAML nodes -> hand-written descriptor -> APIModel.
        .target(name: "DescriptorFrontend", dependencies: ["YAMLReader", "APIModel", "FrontendSupport"]),
        // APIModel -> the Swift side of the output: every name, type, encoding, helper and diagnostic decided.
        .target(name: "SwiftLowering", dependencies: ["APIModel", "Parallelism"]),
        // The Swift side -> Swift source files; it only prints.
        .target(name: "SwiftEmitter", dependencies: ["APIModel", "SwiftLowering", "Parallelism"]),
        // The Swift API as a manifest, and what changed between two of them, for callers.
        .target(name: "APIChanges", dependencies: ["APIModel", "SwiftLowering", "SwiftEmitter"]),
        // Reads inputs, runs a frontend and the emitter, and writes output directories safely.
        .target(name: "GeneratorDriver", dependencies: ["YAMLReader", "APIModel", "Parallelism", "FrontendSupport", "OpenAPIFrontend", "DescriptorFrontend", "SwiftLowering", "SwiftEmitter", "APIChanges"]),
        // The command line.
        .executableTarget(
            name: "spec2swift",
            dependencies: [
                "APIModel", "APIChanges", "GeneratorDriver",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["Generator"])),
            ]
        ),
        // Timing of generation against libyaml's bare parse (swift run -c release spec2swift-bench).
        .executableTarget(name: "spec2swift-bench", dependencies: ["CYAML", "YAMLReader", "GeneratorDriver", "spec2swift-bench-events"]),
        // The whole-process baseline the bench runs: libyaml's event pull, linking nothing else.
        .executableTarget(name: "spec2swift-bench-events", dependencies: ["CYAML"]),
        // Foundation-only runtime that generated code imports.
        .target(name: "Spec2SwiftRuntime"),
        // LoggingMiddleware: every attempt through swift-log, secrets redacted.
        .target(name: "Spec2SwiftLogging", dependencies: ["Spec2SwiftRuntime", .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Logging"]))]),
        // AsyncHTTPClientTransport: the runtime's transport protocol over AsyncHTTPClient.
        .target(name: "Spec2SwiftAsyncHTTPClient", dependencies: [
            "Spec2SwiftRuntime",
            .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])),
        ]),
        .plugin(
            name: "Spec2SwiftCommandPlugin",
            capability: .command(
                intent: .custom(verb: "spec2swift", description: "Regenerate (or check) the sources of every target that holds a spec2swift.yaml"),
                permissions: [.writeToPackageDirectory(reason: "writes the generated Swift files into the targets' folders")]
            ),
            dependencies: ["spec2swift"]
        ),
        .plugin(name: "Spec2SwiftBuildPlugin", capability: .buildTool(), dependencies: ["spec2swift"]),
        // Output of `swift run spec2swift` over specs/.
        .target(name: "Generated", dependencies: ["Spec2SwiftRuntime"], path: "Generated"),

        // Shared by the test targets: readable text diffs, paths to fixtures and to ../shared.
        .target(name: "TestSupport", dependencies: ["APIModel"], path: "Tests/TestSupport"),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Spec2SwiftRuntime", "TestSupport"]),
        .testTarget(name: "FrontendTests", dependencies: ["YAMLReader", "APIModel", "OpenAPIFrontend", "DescriptorFrontend", "GeneratorDriver", "TestSupport"]),
        .testTarget(name: "LoweringTests", dependencies: ["APIModel", "SwiftLowering"]),
        .testTarget(name: "EmitterTests", dependencies: ["APIModel", "SwiftEmitter", "GeneratorDriver", "TestSupport"]),
        .testTarget(name: "CorpusTests", dependencies: ["APIModel", "GeneratorDriver", "SwiftLowering", "SwiftEmitter", "OpenAPIFrontend", "YAMLReader", "TestSupport"],
                    exclude: ["gcore-cloud.profile.yaml"]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "Generated", "Spec2SwiftRuntime", "Spec2SwiftLogging", "Spec2SwiftAsyncHTTPClient", "TestSupport", "MemoryProbe",
            .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Logging"])),
        ]),
        // Moves a large body through a transport in a process of its own and prints its peak memory
        // (run by EndToEndTests' StreamedBodyMemoryTests).
        .executableTarget(name: "MemoryProbe", dependencies: ["Generated", "Spec2SwiftRuntime", "Spec2SwiftAsyncHTTPClient"],
                          path: "Tests/MemoryProbe"),
        .testTarget(name: "DriverTests", dependencies: ["GeneratorDriver", "SwiftEmitter", "YAMLReader", "FrontendSupport", "TestSupport"]),
        // Golden pairs of inputs and their change reports, the regeneration summary, and the Gcore history.
        .testTarget(name: "APIChangesTests", dependencies: ["APIChanges", "GeneratorDriver", "SwiftLowering", "SwiftEmitter", "TestSupport"]),
        // Builds Tests/Fixtures/PluginConsumer, a user's package, with both plugins.
        .testTarget(name: "PluginTests", dependencies: ["GeneratorDriver", "TestSupport"]),
        // The catalog of bad inputs in Tests/Catalog, run through the generate command.
        .testTarget(name: "CatalogTests", dependencies: ["GeneratorDriver", "YAMLReader", "TestSupport"]),
        .testTarget(name: "GeneratedTests", dependencies: ["Generated", "Spec2SwiftRuntime", "GeneratorDriver", "OpenAPIFrontend", "YAMLReader", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
