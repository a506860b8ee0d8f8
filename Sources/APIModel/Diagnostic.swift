/// A message for the person who wrote the input: what is wrong, where, and what to do.
///
/// Printed as `path:line:column: error: <sentence> (<JSON pointer>)`, the form compilers use, so that
/// editors and CI logs can jump to the spot. A problem with the file as a whole is at 1:1, `(#)`.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var pointer: JSONPointer?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, pointer: JSONPointer? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.pointer = pointer
    }

    public static func error(_ message: String, at location: SourceLocation?, pointer: JSONPointer? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, pointer: pointer)
    }

    public static func warning(_ message: String, at location: SourceLocation?, pointer: JSONPointer? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, pointer: pointer)
    }

    public var description: String {
        var text = ""
        if let location {
            text = "\(location.file):\(location.line):\(location.column): "
        }
        text += "\(severity.rawValue): \(message)"
        if let pointer {
            text += " (\(pointer))"
        }
        return Self.visible(text)
    }

    /// `text` with line breaks, other control characters and direction controls written as `\u{...}`:
    /// messages quote the input, and a diagnostic must stay one line that displays as it is stored.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// Diagnostics gathered by one stage, in the order they were found.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public mutating func error(_ message: String, at location: SourceLocation?, pointer: JSONPointer? = nil) {
        diagnostics.append(.error(message, at: location, pointer: pointer))
    }

    public mutating func warning(_ message: String, at location: SourceLocation?, pointer: JSONPointer? = nil) {
        diagnostics.append(.warning(message, at: location, pointer: pointer))
    }

    /// Adds `text` to every error appended since the log held `start` diagnostics.
    public mutating func amendErrors(since start: Int, with text: String) {
        for index in diagnostics.indices.dropFirst(start) where diagnostics[index].severity == .error {
            diagnostics[index].message += text
        }
    }

    /// Sorted by file, line and column, so that output does not depend on traversal order; a
    /// diagnostic that two paths through the document found alike is reported once.
    public var sorted: [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element).filter { seen.insert($0).inserted }
    }
}
