import Foundation

/// A string in UUID form (`format: uuid`, `uuid4`). Kept as text: servers and specs are not consistent
/// about which fields carry the format, so values pass between them without conversion.
public typealias UUIDString = String
/// An IPv4 or IPv6 address (`format: ipv4`, `ipv6`, `ipvanyaddress`).
public typealias IPAddressString = String
/// An IPv4 or IPv6 network in CIDR notation (`format: ipvanynetwork`): `10.0.0.0/24`.
public typealias IPNetworkString = String
/// An address with its network prefix (`format: ipvanyinterface`): `10.0.0.5/24`.
public typealias IPInterfaceString = String

/// A string that must not be printed: passwords, keys, secret values.
///
/// `description`, `debugDescription` and reflection show `<redacted>`; the text is in `value`, and it
/// encodes as a plain JSON string.
public struct SecretString: Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    public var value: String

    public init(_ value: String) {
        self.value = value
    }

    public init(stringLiteral value: String) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Redaction.isOn(in: encoder) ? "<redacted>" : value)
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// An int64 carried as a JSON string of digits (the protobuf JSON mapping: `"length": "32"`).
/// Decoding also accepts a JSON number.
public struct Int64String: Codable, Hashable, Sendable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) {
        self.value = value
    }

    public init(integerLiteral value: Int64) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = number
            return
        }
        let text = try container.decode(String.self)
        guard let number = Int64(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a decimal int64")
        }
        value = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }

    public static func < (lhs: Int64String, rhs: Int64String) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }
}

/// Bytes that must not be printed (secret binary payloads), carried as base64 text.
///
/// Decoding accepts the standard and the URL-safe alphabet, with or without padding.
public struct SecretBytes: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var value: Data

    public init(_ value: Data) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let data = Base64.decode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "the value is not base64")
        }
        value = data
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Redaction.isOn(in: encoder) ? "<redacted>" : value.base64EncodedString())
    }

    public var description: String { "<redacted \(value.count) bytes>" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

enum Base64 {
    /// Standard or URL-safe base64, padded or not.
    static func decode(_ text: String) -> Data? {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = normalized.count % 4
        if remainder != 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized)
    }
}
