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

    /// What the tests' package builds leave out, because no test reads it: the index store (SwiftPM
    /// indexes while it builds in debug) and debug information. Errors and warnings are the same
    /// without them; the builds take about a tenth less time. Every command in one package must pass
    /// the same options, or the next one builds everything again.
    public static let testBuildOptions = ["--disable-index-store", "-Xswiftc", "-gnone"]

    /// Runs `swift <arguments>` once no other package build is running. Blocks: call it on a thread
    /// of its own (`onOwnThread`).
    public static func swift(_ arguments: [String], in directory: String? = nil) throws -> Shell.Outcome {
        lock.lock()
        defer { lock.unlock() }
        return try Shell.run(["swift"] + arguments, in: directory)
    }
}
