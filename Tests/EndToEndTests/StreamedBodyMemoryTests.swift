import Foundation
import Testing

/// 200 MiB up from a file (as a body of bytes and as a multipart file part) and down into a file,
/// through each transport, with the process's memory growing by far less than that. The transfer runs
/// in a process of its own (`Tests/MemoryProbe`), since this one runs other tests beside it.
@Suite struct StreamedBodyMemoryTests {
    struct Report: Decodable {
        /// Peak resident set, KiB, before the transfers and after them.
        var before: Int
        var peak: Int
        var raw: Int
        var multipart: Int
        var downloaded: Int
        var intact: Bool
        var size: Int
    }

    /// The probe is built beside this test bundle (EndToEndTests depends on it).
    static let probe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("MemoryProbe")

    @Test(arguments: TransportKind.allCases)
    func twoHundredMebibytesMoveWithFlatMemory(_ transport: TransportKind) async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.probe.path), "no probe at \(Self.probe.path)")
        // The output goes to a file and the end is awaited, so no thread of the test pool is held meanwhile.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-probe-\(UUID().uuidString).json")
        guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
            Issue.record("cannot create \(outputFile.path)")
            return
        }
        defer { try? FileManager.default.removeItem(at: outputFile) }
        // A temporary folder of its own: the probe's spooled bodies must not look, to UploadEndToEndTests
        // running beside it, like files the client left behind.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = Self.probe
        process.arguments = [transport.rawValue, "200"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": scratch.path]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in ended.resume() }
            do {
                try process.run()
            } catch {
                Issue.record("the probe did not start: \(error)")
                process.terminationHandler = nil
                ended.resume()
            }
        }
        let data = try Data(contentsOf: outputFile)
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        let report = try JSONDecoder().decode(Report.self, from: data)
        #expect(report.size == 200 << 20)
        #expect(report.raw == report.size)
        #expect(report.multipart > report.size && report.multipart < report.size + 1024)
        #expect(report.downloaded == report.size)
        #expect(report.intact)
        // The bodies are 200 MiB each; the process may grow by a few buffers, not by a body.
        #expect(report.peak - report.before < 64 << 10, "peak \(report.peak) KiB, \(report.before) KiB before the transfers")
    }
}
