import Foundation

/// A value that can be written into a path segment, a query value or a header.
public protocol ParameterValue: Sendable {
    /// The value as text, before percent-encoding.
    var parameterText: String { get }
}

extension String: ParameterValue {
    public var parameterText: String { self }
}

extension Int: ParameterValue {
    public var parameterText: String { String(self) }
}

extension Int32: ParameterValue {
    public var parameterText: String { String(self) }
}

extension Int64: ParameterValue {
    public var parameterText: String { String(self) }
}

extension Double: ParameterValue {
    /// Whole numbers without a fractional part (`2`, not `2.0`).
    public var parameterText: String {
        if rounded() == self, abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}

extension Bool: ParameterValue {
    public var parameterText: String { self ? "true" : "false" }
}

extension Timestamp: ParameterValue {
    public var parameterText: String { rfc3339 }
}

extension Int64String: ParameterValue {
    public var parameterText: String { String(value) }
}

extension SecretString: ParameterValue {
    public var parameterText: String { value }
}

/// Generated enums get `parameterText` from their raw value.
extension ParameterValue where Self: RawRepresentable, Self.RawValue: ParameterValue {
    public var parameterText: String { rawValue.parameterText }
}

/// Percent-encoding by RFC 3986.
enum PercentEncoding {
    /// Unreserved characters: the only ones never encoded in a value.
    static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
    /// Characters a path template may hold as written (pchar and `/`).
    static let pathTemplate: Set<UInt8> = unreserved.union(Array("!$&'()*+,;=:@/%".utf8))

    /// Every byte of `text` not in `allowed` as `%XX`; a space as `+` when `spaceAsPlus` (the form rules).
    static func encode(_ text: String, keeping allowed: Set<UInt8>, spaceAsPlus: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if spaceAsPlus && byte == 0x20 {
                result += "+"
            } else if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// One path segment: everything but unreserved characters is encoded, so a value holding `/`, `?`,
    /// `#` or `%` stays one segment, and `.` or `..` cannot climb the path.
    static func pathSegment(_ text: String) -> String {
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        return encode(text, keeping: unreserved)
    }
}

/// A request path: a template's text with each interpolated value percent-encoded as one segment.
///
///     let path: RequestPath = "/cloud/v1/secrets/\(projectID)/\(regionID)/\(secretID)"
public struct RequestPath: ExpressibleByStringInterpolation, Hashable, Sendable, CustomStringConvertible {
    /// The path, percent-encoded, ready to append to a base URL.
    public let encoded: String
    /// The parameters whose value is empty, by name (or by position, `#2`, when the path was written
    /// without names). A request with one is refused before it is sent: `/secrets/` is not `/secrets/{id}`.
    public let emptyParameters: [String]

    public init(stringLiteral value: String) {
        encoded = PercentEncoding.encode(value, keeping: PercentEncoding.pathTemplate)
        emptyParameters = []
    }

    public init(stringInterpolation: StringInterpolation) {
        encoded = stringInterpolation.encoded
        emptyParameters = stringInterpolation.emptyParameters
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var encoded = ""
        var emptyParameters: [String] = []
        var count = 0

        public init(literalCapacity: Int, interpolationCount: Int) {
            encoded.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) {
            encoded += PercentEncoding.encode(literal, keeping: PercentEncoding.pathTemplate)
        }

        public mutating func appendInterpolation(_ value: some ParameterValue) {
            count += 1
            append(value.parameterText, name: "#\(count)")
        }

        /// A parameter's value, with the parameter's name for the error an empty value gives.
        public mutating func appendInterpolation(_ value: some ParameterValue, name: String) {
            count += 1
            append(value.parameterText, name: "`\(name)`")
        }

        private mutating func append(_ text: String, name: String) {
            if text.isEmpty { emptyParameters.append(name) }
            encoded += PercentEncoding.pathSegment(text)
        }
    }

    public var description: String { encoded }
}
