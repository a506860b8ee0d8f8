/// The path of a declared type: a top-level name, then the names of types nested in it.
///
/// Names are the input's own spelling (`SecretSerializer`, `content_types`); lowering (`SwiftLowering`)
/// decides the Swift spelling.
public struct TypeName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: [String]

    public init(_ path: [String]) {
        self.path = path
    }

    public init(_ name: String) {
        self.path = [name]
    }

    public func nested(_ name: String) -> TypeName {
        TypeName(path + [name])
    }

    public var last: String { path.last ?? "" }

    public static func < (lhs: TypeName, rhs: TypeName) -> Bool {
        lhs.path.lexicographicallyPrecedes(rhs.path)
    }

    public var description: String { path.joined(separator: ".") }
}

/// How a string is to be read. Formats that Swift has no better type for stay strings, but keep
/// their name for documentation.
public enum StringFormat: Hashable, Sendable {
    case plain
    /// RFC 3339 date and time.
    case dateTime
    /// RFC 3339 full-date (`2024-05-01`).
    case date
    case uuid
    case uri
    case email
    case ipAddress
    case ipNetwork
    case ipInterface
    /// A value never to be printed (passwords, keys, secret payloads).
    case secret
    /// Base64 bytes.
    case byte
    /// Raw bytes (`format: binary`): a file in multipart bodies, base64 in JSON.
    case binary
    /// Base64 bytes never to be printed (secret payloads).
    case secretBytes
    /// A protobuf `Duration` (`"1.5s"`).
    case duration
    /// A protobuf `FieldMask` (`"name,description"`).
    case fieldMask
    /// A format the generator does not model; kept for documentation.
    case other(String)
}

public enum IntegerFormat: Hashable, Sendable {
    /// The platform integer (`Int`), for `integer` without a format.
    case int
    case int32
    case int64
    /// An int64 carried as a JSON string of digits (protobuf JSON mapping).
    case int64String
}

/// A reference to a type, as used by properties, parameters, bodies and responses.
public indirect enum TypeRef: Hashable, Sendable {
    case string(StringFormat)
    case integer(IntegerFormat)
    case number
    case boolean
    /// Any JSON value.
    case json
    case array(TypeRef)
    /// A JSON object with arbitrary keys and values of one type.
    case map(TypeRef)
    case named(TypeName)
    /// `null` is a valid value as well as the wrapped type.
    case nullable(TypeRef)

    public var isNullable: Bool {
        if case .nullable = self { return true }
        return false
    }

    /// The type without its outer nullability.
    public var nonNull: TypeRef {
        if case .nullable(let wrapped) = self { return wrapped.nonNull }
        return self
    }

    /// Wraps in `.nullable` unless already nullable.
    public var orNull: TypeRef {
        isNullable ? self : .nullable(self)
    }

    /// Every named type this reference mentions, in order.
    public var referencedNames: [TypeName] {
        switch self {
        case .named(let name): return [name]
        case .array(let element), .map(let element), .nullable(let element): return element.referencedNames
        default: return []
        }
    }
}
