/// A Swift type as generated code spells it, as a value: the printer turns it into text, and
/// lowering asks it questions (is it optional? does it need Foundation?) without reading strings.
public indirect enum SwiftType: Hashable, Sendable {
    /// A type of the standard library, Foundation or the runtime.
    case builtin(Builtin)
    /// A generated type, by the spelling that reaches it from inside the namespace's extensions
    /// (`Gcore.Instance.Flavor`), or a type's own nested type by its local name (`Kind`).
    case named(String)
    /// `[T]`
    case array(SwiftType)
    /// `[String: T]`
    case dictionary(SwiftType)
    /// `T?`: absent or `null`.
    case optional(SwiftType)
    /// `Nullable<T>`: `null` kept apart from a value (an absent value is the `Optional` around it).
    case nullable(SwiftType)
    /// `Indirect<T>`: stored out of line, because a type contains itself through it.
    case boxed(SwiftType)

    public enum Builtin: Hashable, Sendable {
        case string, int, int32, int64, double, bool
        /// Foundation's `Data` (base64 bytes).
        case data
        /// Runtime types.
        case int64String, json, timestamp, uuidString, ipAddressString, ipNetworkString, ipInterfaceString, secretString
        case secretBytes, protobufDuration, fieldMask
        /// Bytes with a file name and content type (`format: binary`).
        case fileUpload
        /// A request body of bytes, whichever way the caller holds them (`Data`, a `FileUpload` from
        /// memory or a file, a `ByteStream`): the runtime's `BinaryBody` protocol, as an existential.
        case binaryBody
        /// The answer of an operation that has no body.
        case noContent
    }

    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// The type inside `Optional`, or the type itself.
    public var unwrapped: SwiftType {
        if case .optional(let wrapped) = self { return wrapped }
        return self
    }
}
