/// A protobuf `FieldMask`: the fields an update touches, written in JSON as one comma-separated string
/// of lowerCamelCase paths (`"name,description"`).
public struct FieldMask: Codable, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible, ParameterValue {
    public var paths: [String]

    public init(_ paths: [String]) {
        self.paths = paths
    }

    public init(arrayLiteral paths: String...) {
        self.paths = paths
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        paths = text.isEmpty ? [] : text.split(separator: ",").map { String($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { paths.joined(separator: ",") }
    public var parameterText: String { description }
}

/// A protobuf `Duration`, written in JSON as seconds with an `s` suffix (`"86400s"`, `"1.5s"`,
/// `"-0.000000001s"`), up to nanosecond precision.
public struct ProtobufDuration: Codable, Hashable, Sendable, Comparable, CustomStringConvertible, ParameterValue {
    public var seconds: Int64
    /// Nanoseconds with the sign of `seconds` (or of the value, when `seconds` is 0).
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(seconds: seconds, nanoseconds: Int32(attoseconds / 1_000_000_000))
    }

    public var duration: Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanoseconds))
    }

    /// Parses `"1.5s"`; nil when the text is not a duration.
    public init?(text: String) {
        guard text.hasSuffix("s") else { return nil }
        var body = Substring(text.dropLast())
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), let seconds = Int64(whole) else {
            return nil
        }
        var nanos: Int32 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit),
                  let value = Int32(fraction + String(repeating: "0", count: 9 - fraction.count)) else { return nil }
            nanos = value
        }
        self.init(seconds: negative ? -seconds : seconds, nanoseconds: negative ? -nanos : nanos)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ProtobufDuration(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a duration like \"1.5s\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: ProtobufDuration, rhs: ProtobufDuration) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// The shortest exact text: `"86400s"`, `"1.5s"`.
    public var description: String {
        let negative = seconds < 0 || nanoseconds < 0
        var text = (negative ? "-" : "") + String(seconds.magnitude)
        if nanoseconds != 0 {
            var fraction = String(nanoseconds.magnitude)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "s"
    }

    public var parameterText: String { description }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
