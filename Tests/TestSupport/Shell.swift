import Foundation

/// Running a command and collecting its output.
public enum Shell {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
    }

    /// Runs `arguments` (an absolute path, or a command found on PATH) in `directory`, with standard
    /// output and error together.
    public static func run(_ arguments: [String], in directory: String? = nil, input: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0].hasPrefix("/") ? arguments[0] : "/usr/bin/env")
        process.arguments = arguments[0].hasPrefix("/") ? Array(arguments.dropFirst()) : arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

/// `swift build` (and other SwiftPM commands) of the packages tests write, one at a time in the whole
/// test run: each build then has every core, and no build competes with another or with the rest of
/// the suite for more than the cores there are.
public enum PackageBuilds {
    private static let lock = NSLock()

    /// How the tests' package builds differ from a user's debug build, for speed; the compiler reports
    /// the same errors and warnings either way: no index store (SwiftPM indexes while it builds in
    /// debug) and no debug information, which no test reads. Every command in one package must pass
    /// the same options, or the next one builds everything again.
    public static let testBuildOptions = ["--disable-index-store", "-Xswiftc", "-gnone"]

    /// For a package that is built once and not edited (the corpus package): each module is compiled
    /// whole (`-wmo`, still without optimization). Batch mode parses and checks the declarations of
    /// every file again in each of its jobs, which for the large generated targets doubles the
    /// compiler's work (the practice OpenAI target: 113 s of CPU against 210 s). `-num-threads` keeps
    /// one object file per source file, which SwiftPM links. Not for the plugin consumer, whose
    /// tests edit and rebuild it: there SwiftPM's incremental build must be a user's.
    public static let wholeModuleOptions = testBuildOptions + ["-Xswiftc", "-wmo", "-Xswiftc", "-num-threads", "-Xswiftc", "2"]

    /// Runs `swift <arguments>` once no other package build is running. Blocks: call it on a thread
    /// of its own (`onOwnThread`).
    public static func swift(_ arguments: [String], in directory: String? = nil) throws -> Shell.Outcome {
        lock.lock()
        defer { lock.unlock() }
        return try Shell.run(["swift"] + arguments, in: directory)
    }
}
