// swift-tools-version:6.2
// A package of a spec2swift user, built by Tests/PluginTests: the build-tool plugin (PetsBuilt, and
// PetsMainActor with default MainActor isolation), the command plugin (PetsCommitted), and an App that
// calls the clients with one import each. The tests copy it to a folder of their own and fill in the two placeholders.
import PackageDescription

let package = Package(
    name: "PluginConsumer",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "@SPEC2SWIFT_PATH@", traits: ["Generator"]),
    ],
    targets: [
        .target(
            name: "PetsBuilt",
            dependencies: [.product(name: "Spec2SwiftRuntime", package: "@SPEC2SWIFT_ID@")],
            plugins: [.plugin(name: "Spec2SwiftBuildPlugin", package: "@SPEC2SWIFT_ID@")]
        ),
        .target(
            name: "PetsMainActor",
            dependencies: [.product(name: "Spec2SwiftRuntime", package: "@SPEC2SWIFT_ID@")],
            swiftSettings: [.defaultIsolation(MainActor.self)],
            plugins: [.plugin(name: "Spec2SwiftBuildPlugin", package: "@SPEC2SWIFT_ID@")]
        ),
        .target(
            name: "PetsCommitted",
            dependencies: [.product(name: "Spec2SwiftRuntime", package: "@SPEC2SWIFT_ID@")],
            exclude: ["spec2swift.yaml", "pets.yaml"]
        ),
        .executableTarget(name: "App", dependencies: ["PetsBuilt", "PetsMainActor", "PetsCommitted"]),
    ],
    swiftLanguageModes: [.v6]
)
