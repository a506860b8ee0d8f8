/// Helpers that keep generated `init(from:)` and `encode(to:)` bodies to one line per property.

/// A coding key for any string: keys of dictionaries and of properties a type does not declare.
public struct JSONKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ stringValue: String) {
        self.stringValue = stringValue
    }

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    public init?(intValue: Int) {
        return nil
    }

    public init(stringLiteral value: String) {
        self.stringValue = value
    }
}

// `decodeValue` and friends are what generated code calls instead of `decode` and `encode`. Those
// have an overload per primitive type, and choosing among them at each of thousands of call sites is
// a measurable part of compiling a large generated module (about a tenth of a clean build of the
// Gcore Cloud API); a single generic function type-checks at once and decodes the same way.

extension KeyedDecodingContainer {
    /// `decode(_:forKey:)` without the overloads.
    public func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decode(type, forKey: key)
    }

    /// `decodeIfPresent(_:forKey:)` without the overloads.
    public func decodeValueIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeIfPresent(type, forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// `encode(_:forKey:)` without the overloads.
    public mutating func encodeValue<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(_:forKey:)` without the overloads.
    public mutating func encodeValueIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encodeIfPresent(value, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Checks that a property declared with `const` holds its one value (the key must be present).
    public func decodeConstant<T: Decodable & Equatable>(_ expected: T, forKey key: Key) throws {
        let actual = try decode(T.self, forKey: key)
        guard actual == expected else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected the constant \(expected), found \(actual)")
        }
    }

    /// Checks a `const` property when its key is present.
    public func decodeConstantIfPresent<T: Decodable & Equatable>(_ expected: T, forKey key: Key) throws {
        guard contains(key), try !decodeNil(forKey: key) else { return }
        try decodeConstant(expected, forKey: key)
    }
}

extension Decoder {
    /// The keys of an object other than `known`, decoded as `V` (for `additionalProperties`).
    public func additionalProperties<V: Decodable>(_ type: V.Type, excluding known: [JSONKey]) throws -> [String: V] {
        let container = try self.container(keyedBy: JSONKey.self)
        let declared = Set(known.map(\.stringValue))
        var result: [String: V] = [:]
        for key in container.allKeys where !declared.contains(key.stringValue) {
            result[key.stringValue] = try container.decode(V.self, forKey: key)
        }
        return result
    }

    /// The value of a union's tag property as text (`"subnet"`; `true` reads as `"true"`, `2` as
    /// `"2"`), or nil when the object has none.
    public func unionTag(_ property: String) throws -> String? {
        let container = try self.container(keyedBy: JSONKey.self)
        let key = JSONKey(property)
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        if let text = try? container.decode(String.self, forKey: key) { return text }
        if let flag = try? container.decode(Bool.self, forKey: key) { return flag ? "true" : "false" }
        if let number = try? container.decode(Int64.self, forKey: key) { return String(number) }
        return nil
    }
}

extension Encoder {
    /// Writes a union's tag beside the member's own keys (for members that do not declare the tag).
    public func encodeUnionTag(_ property: String, _ value: String) throws {
        var container = self.container(keyedBy: JSONKey.self)
        try container.encode(value, forKey: JSONKey(property))
    }

    /// Writes `values` as further keys of the object being encoded.
    public func encodeAdditionalProperties<V: Encodable>(_ values: [String: V]) throws {
        var container = self.container(keyedBy: JSONKey.self)
        for key in values.keys.sorted() {
            if let value = values[key] { try container.encode(value, forKey: JSONKey(key)) }
        }
    }
}

/// The reasons each member of an untagged union failed to decode, thrown as one error.
public struct UnionDecodingFailures: Sendable {
    private var reasons: [String] = []

    public init() {}

    public mutating func append(_ member: String, _ error: any Error) {
        reasons.append("\(member): \(Self.describe(error))")
    }

    /// A `DecodingError` naming the union and why each member did not fit.
    public func error(decoding type: Any.Type, at codingPath: [any CodingKey]) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: codingPath,
            debugDescription: "the value matches no member of \(type); " + reasons.joined(separator: "; ")))
    }

    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context):
            return "missing \(type) value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)'\(path(context))"
        case .dataCorrupted(let context):
            return context.debugDescription + path(context)
        @unknown default:
            return String(describing: decodingError)
        }
    }
}
