/// A value that may be explicitly `null`, for properties where leaving a key out and sending `null`
/// mean different things (PATCH bodies).
///
/// Such properties have the type `Nullable<T>?`, which keeps three states apart:
/// - `nil`: the key is left out (the server keeps its value);
/// - `.null`: the key is sent as `null` (the server clears its value);
/// - `.value(x)`: the key is sent with `x`.
public enum Nullable<Wrapped> {
    case null
    case value(Wrapped)

    /// The wrapped value, or nil when this is `.null`.
    public var wrapped: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }

    public init(_ value: Wrapped?) {
        self = value.map(Nullable.value) ?? .null
    }
}

extension Nullable: Sendable where Wrapped: Sendable {}
extension Nullable: Equatable where Wrapped: Equatable {}
extension Nullable: Hashable where Wrapped: Hashable {}

extension Nullable: Encodable where Wrapped: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .value(let wrapped): try container.encode(wrapped)
        }
    }
}

extension Nullable: Decodable where Wrapped: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }
}

extension KeyedDecodingContainer {
    /// Decodes a `Nullable<T>?` property: nil when the key is absent, `.null` when it holds `null`.
    public func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> Nullable<T>? {
        guard contains(key) else { return nil }
        return try decodeNil(forKey: key) ? .null : .value(decode(T.self, forKey: key))
    }
}
