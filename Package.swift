// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "spec2swift",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "spec2swift", targets: ["spec2swift"]),
        // What generated code imports; generated packages depend on this product.
        .library(name: "Spec2SwiftRuntime", targets: ["Spec2SwiftRuntime"]),
        // The committed output for specs/, so that other packages can use it.
        .library(name: "Generated", targets: ["Generated"]),
        // The generator's stages, for the fuzz targets in Fuzz/ (no promise of a stable API).
        .library(name: "Spec2SwiftGenerator", targets: ["YAMLReader", "APIModel", "OpenAPIFrontend", "DescriptorFrontend",
                                                        "SwiftEmitter", "GeneratorDriver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        // What both frontends need from YAML nodes (JSON values for defaults, examples, consts).
        .target(name: "FrontendSupport", dependencies: ["YAMLReader", "APIModel"]),
        // YAML nodes -> OpenAPI 3.0/3.1 -> APIModel.
        .target(name: "OpenAPIFrontend", dependencies: ["YAMLReader", "APIModel", "FrontendSupport"]),
        // YAML nodes -> hand-written descriptor -> APIModel.
        .target(name: "DescriptorFrontend", dependencies: ["YAMLReader", "APIModel", "FrontendSupport"]),
        // APIModel -> Swift source files.
        .target(name: "SwiftEmitter", dependencies: ["APIModel"]),
        // Reads inputs, runs a frontend and the emitter, and writes output directories safely.
        .target(name: "GeneratorDriver", dependencies: ["YAMLReader", "APIModel", "OpenAPIFrontend", "DescriptorFrontend", "SwiftEmitter"]),
        // The command line.
        .executableTarget(
            name: "spec2swift",
            dependencies: ["APIModel", "GeneratorDriver", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Timing of generation against libyaml's bare parse (swift run -c release spec2swift-bench).
        .executableTarget(name: "spec2swift-bench", dependencies: ["CYAML", "YAMLReader", "GeneratorDriver"]),
        // Foundation-only runtime that generated code imports.
        .target(name: "Spec2SwiftRuntime"),
        // Output of `swift run spec2swift` over specs/.
        .target(name: "Generated", dependencies: ["Spec2SwiftRuntime"], path: "Generated"),

        // Shared by the test targets: readable text diffs, paths to fixtures and to ../shared.
        .target(name: "TestSupport", dependencies: ["APIModel"], path: "Tests/TestSupport"),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Spec2SwiftRuntime"]),
        .testTarget(name: "FrontendTests", dependencies: ["YAMLReader", "APIModel", "OpenAPIFrontend", "DescriptorFrontend", "GeneratorDriver", "TestSupport"]),
        .testTarget(name: "EmitterTests", dependencies: ["APIModel", "SwiftEmitter", "GeneratorDriver", "TestSupport"]),
        .testTarget(name: "CorpusTests", dependencies: ["APIModel", "GeneratorDriver", "SwiftEmitter", "OpenAPIFrontend", "YAMLReader", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Generated", "Spec2SwiftRuntime"]),
        .testTarget(name: "DriverTests", dependencies: ["GeneratorDriver", "SwiftEmitter"]),
        // The catalog of bad inputs in Tests/Catalog, run through the generate command.
        .testTarget(name: "CatalogTests", dependencies: ["GeneratorDriver", "YAMLReader", "TestSupport"]),
        .testTarget(name: "GeneratedTests", dependencies: ["Generated", "Spec2SwiftRuntime", "GeneratorDriver", "OpenAPIFrontend", "YAMLReader", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
