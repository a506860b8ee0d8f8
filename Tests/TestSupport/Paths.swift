import Foundation

/// Where the repository and the shared material are, found from this file's location.
public enum Paths {
    /// The repository's root (the folder with Package.swift).
    public static let repository: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `../shared` beside the repository: third-party material read in place, never copied in.
    public static let shared: String = URL(fileURLWithPath: repository).deletingLastPathComponent()
        .appendingPathComponent("shared").path

    /// A file under `../shared`, or nil when it is absent (tests then say so and skip).
    public static func sharedFile(_ relative: String) -> String? {
        let path = shared + "/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Whether golden files should be re-recorded instead of compared (`SPEC2SWIFT_RECORD=1`).
    public static var recording: Bool {
        ProcessInfo.processInfo.environment["SPEC2SWIFT_RECORD"].map { !$0.isEmpty && $0 != "0" } ?? false
    }
}
