/// Equality and hashing as the wire sees a value: two values are equal when they encode to the same
/// JSON (object keys in the order they encode, dictionaries' keys sorted, numbers as their text).
///
/// Generated structs and unions conform to this instead of synthesizing `==` and `hash(into:)`:
/// the synthesized members were a fifth of the generated code's machine code (docs/GeneratedCode.md). Comparing encodings is slower at run time than
/// comparing fields, and stricter where a field's own `==` is looser than its encoding (a
/// `Timestamp` written with another offset, `0.0` and `-0.0`). A value that cannot be encoded (a
/// `Double` that is not finite) is compared by its reflection instead.
public protocol WireHashable: Hashable, Encodable {}

extension WireHashable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        WireForm(lhs) == WireForm(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(WireForm(self))
    }
}

/// What a `WireHashable` value is compared by.
private enum WireForm: Hashable {
    case encoded(EncodedValue)
    case reflected(String)

    init(_ value: some Encodable) {
        do {
            self = .encoded(try EncodedValue.of(value))
        } catch {
            self = .reflected(String(reflecting: value))
        }
    }
}
