import APIModel

/// A generated type: its Swift names, what it is, and the types declared inside it.
public struct SwiftDeclaration: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case structure(SwiftStruct)
        case enumeration(SwiftEnum)
        case union(SwiftUnion)
        case alias(SwiftAlias)
    }

    /// The model's name for the type, which references use.
    public var modelName: TypeName
    /// The name inside its parent (`Flavor`).
    public var name: String
    /// The name from inside the namespace's extensions (`Gcore.Instance.Flavor`).
    public var qualifiedName: String
    public var kind: Kind
    public var documentation: Documentation
    public var deprecated: Bool
    public var origin: Origin
    public var nested: [SwiftDeclaration]
    /// Whether this type or one nested in it uses Foundation (`Data`).
    public var importsFoundation: Bool

    /// This declaration and every declaration nested in it, depth first.
    public var flattened: [SwiftDeclaration] {
        [self] + nested.flatMap(\.flattened)
    }

    /// The struct, when this declaration is one.
    public var structure: SwiftStruct? {
        if case .structure(let shape) = kind { return shape }
        return nil
    }

    /// The enum of values, when this declaration is one.
    public var enumeration: SwiftEnum? {
        if case .enumeration(let shape) = kind { return shape }
        return nil
    }
}

/// A struct with `let` properties, a memberwise initializer and explicit coding.
public struct SwiftStruct: Hashable, Sendable {
    public var properties: [SwiftProperty]
    /// One property per one-of group, holding an enum nested in the struct.
    public var oneOfs: [SwiftOneOf]
    /// The type of values under keys the schema does not list, kept in `additionalProperties`.
    public var additionalProperties: SwiftType?

    /// The property with JSON key `key`.
    public func property(key: String) -> SwiftProperty? {
        properties.first { $0.key == key }
    }
}

/// A stored (or, for a `const`, computed) property and how it is coded.
public struct SwiftProperty: Hashable, Sendable {
    public enum Storage: Hashable, Sendable {
        /// `T`: the key must be present.
        case required
        /// `T?`, required by the schema but nullable: the key must be present, and nil encodes `null`.
        case requiredNullable
        /// `T?`: absent (or `null`) is nil.
        case optional
        /// `Nullable<T>?`: absent, `null` and a value stay apart.
        case threeState
        /// A computed property with the schema's `const` value, checked when decoding (and when the key
        /// is required, the key must be there).
        case constant(JSONValue, required: Bool)
    }

    /// The Swift name.
    public var name: String
    /// The JSON key.
    public var key: String
    public var storage: Storage
    /// The type values decode as (`T`).
    public var valueType: SwiftType
    /// Stored in an `Indirect` box, because the type contains itself through this property.
    public var boxed: Bool
    public var documentation: Documentation
    public var deprecated: Bool
    public var readOnly: Bool
    public var writeOnly: Bool
    public var defaultValue: JSONValue?

    /// The type the property is declared with.
    public var declaredType: SwiftType {
        switch storage {
        case .required, .constant: return valueType
        case .requiredNullable, .optional: return .optional(valueType)
        case .threeState: return .optional(.nullable(valueType))
        }
    }

    /// The type the value is stored as: the declared type, in a box when `boxed` (inside the optional).
    public var storedType: SwiftType {
        guard boxed else { return declaredType }
        if case .optional(let wrapped) = declaredType { return .optional(.boxed(wrapped)) }
        return .boxed(declaredType)
    }

    public var isStored: Bool {
        if case .constant = storage { return false }
        return true
    }

    /// Whether the initializer may leave the property out (it is nil by default).
    public var defaultsToNil: Bool {
        storage == .optional || storage == .threeState
    }
}

/// Keys of an object of which one at most is present, as one property holding an enum.
public struct SwiftOneOf: Hashable, Sendable {
    public struct Case: Hashable, Sendable {
        public var name: String
        /// The JSON key that selects this case.
        public var key: String
        public var type: SwiftType
        public var documentation: Documentation
    }

    /// The property's Swift name.
    public var property: String
    /// The enum's name, nested in the struct.
    public var typeName: String
    /// One of the keys must be present.
    public var required: Bool
    public var documentation: Documentation
    /// At least one.
    public var cases: [Case]

    public var declaredType: SwiftType {
        required ? .named(typeName) : .optional(.named(typeName))
    }
}

/// A closed list of values that keeps unknown values as `.undocumented`.
public struct SwiftEnum: Hashable, Sendable {
    public enum RawType: Hashable, Sendable {
        case string, int
    }

    public struct Case: Hashable, Sendable {
        public var name: String
        /// The value on the wire (decimal text for integers).
        public var value: String
        public var documentation: Documentation
        /// A number that also decodes as this case (protobuf JSON).
        public var number: Int?
    }

    public var rawType: RawType
    public var cases: [Case]

    /// String values that also decode from their numbers.
    public var decodesNumbers: Bool {
        rawType == .string && cases.contains { $0.number != nil }
    }
}

/// A value that is one of several types, as an enum with a case per member.
public struct SwiftUnion: Hashable, Sendable {
    public struct Member: Hashable, Sendable {
        public var name: String
        public var type: SwiftType
        /// The tag values that select this member (tagged unions).
        public var tags: [String]
        /// The tag encoding writes beside the value, when the member's type does not carry it
        /// (protobuf `Any`'s `@type`).
        public var writtenTag: String?
    }

    /// How decoding picks the member.
    public enum Selection: Hashable, Sendable {
        /// By the value of the `discriminator` property; unknown tags are kept as `.undocumented`.
        case tagged(discriminator: String)
        /// By trying each member in `attemptOrder`; when none fits, one error says why each failed.
        case untagged(attemptOrder: [Member])
    }

    /// `indirect`, because the union contains itself.
    public var indirect: Bool
    public var selection: Selection
    public var members: [Member]
}

/// Another name for a type.
public enum SwiftAlias: Hashable, Sendable {
    /// `typealias Name = T`
    case typeAlias(SwiftType)
    /// A struct holding one value that codes as that value, for an alias that contains itself
    /// (a typealias cannot).
    case wrapper(SwiftType)
}
