import APIModel
import Foundation

/// Stops the run with `message` when an invariant does not hold: libFuzzer then saves the input as a
/// crash, to become a regression test.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    FileHandle.standardError.write(Data("invariant failed: \(message())\n".utf8))
    abort()
}

/// Every diagnostic of a run on `file` says where (line and column from 1) and what (a JSON pointer).
public func requireLocated(_ diagnostics: [Diagnostic], file: String) {
    for diagnostic in diagnostics {
        guard let location = diagnostic.location else {
            return require(false, "diagnostic without a location: \(diagnostic)")
        }
        require(location.file == file && location.line >= 1 && location.column >= 1, "bad location: \(diagnostic)")
        require(diagnostic.pointer != nil, "diagnostic without a JSON pointer: \(diagnostic)")
        require(!diagnostic.message.isEmpty, "diagnostic without a message: \(diagnostic)")
    }
}

/// The input's bytes, copied out of libFuzzer's buffer.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// What a frontend answers: every diagnostic located, and a model exactly when there are no errors.
public func requireFrontendAnswer(_ answer: (APIDefinition?, [Diagnostic]), file: String) {
    requireLocated(answer.1, file: file)
    let errors = answer.1.contains { $0.severity == .error }
    require((answer.0 == nil) == errors, "a model must be returned exactly when there are no errors")
}
