/// Where a piece of the model came from, for diagnostics and for provenance comments.
public struct Origin: Hashable, Sendable {
    /// The location of the first character of the construct.
    public var location: SourceLocation
    /// The JSON pointer of the construct in its document.
    public var pointer: JSONPointer

    public init(location: SourceLocation, pointer: JSONPointer) {
        self.location = location
        self.pointer = pointer
    }
}

/// Text that documents a declaration.
public struct Documentation: Hashable, Sendable {
    public var summary: String?
    public var details: String?

    public init(summary: String? = nil, details: String? = nil) {
        self.summary = summary
        self.details = details
    }

    public var isEmpty: Bool { (summary ?? "").isEmpty && (details ?? "").isEmpty }
}

/// A named type: a struct, an enum of values, a union, or another name for a type.
public struct TypeDeclaration: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case object(ObjectShape)
        case enumeration(EnumShape)
        case union(UnionShape)
        /// A JSON array whose items each have their own type, by position (`prefixItems`).
        case tuple(TupleShape)
        /// Another name for a type (a top-level schema that is an array, a map or a scalar).
        case alias(TypeRef)
    }

    public var name: TypeName
    public var kind: Kind
    public var documentation: Documentation
    public var deprecated: Bool
    public var origin: Origin
    /// Types written inline inside this one, declared as its nested types.
    public var nested: [TypeDeclaration]
    /// Example instances the input gives for the whole type.
    public var examples: [JSONValue]
    /// The name was made up for an inline schema (`Create item body`), not given by the input; such
    /// names yield to given ones when both want the same Swift name.
    public var synthesized: Bool
    /// The Swift name an API profile gives the type, used as it is.
    public var rename: Rename?

    public init(name: TypeName, kind: Kind, documentation: Documentation = Documentation(), deprecated: Bool = false,
                origin: Origin, nested: [TypeDeclaration] = [], examples: [JSONValue] = [], synthesized: Bool = false,
                rename: Rename? = nil) {
        self.name = name
        self.kind = kind
        self.documentation = documentation
        self.deprecated = deprecated
        self.origin = origin
        self.nested = nested
        self.examples = examples
        self.synthesized = synthesized
        self.rename = rename
    }

    /// This declaration and every declaration nested in it, depth first.
    public var flattened: [TypeDeclaration] {
        [self] + nested.flatMap(\.flattened)
    }
}

/// A JSON object with known properties.
public struct ObjectShape: Hashable, Sendable {
    public var properties: [Property]
    /// The type of values under keys that are not properties; nil when such keys are not kept.
    public var additionalProperties: TypeRef?
    /// Groups of properties of which one at most is present (protobuf `oneof`).
    public var oneOfs: [OneOfGroup]

    public init(properties: [Property], additionalProperties: TypeRef? = nil, oneOfs: [OneOfGroup] = []) {
        self.properties = properties
        self.additionalProperties = additionalProperties
        self.oneOfs = oneOfs
    }
}

/// A JSON array whose items have a type each, by position: `prefixItems` (or `items` written as a list),
/// such as `[latitude, longitude]`.
public struct TupleShape: Hashable, Sendable {
    /// The items in order, as properties named after their position (`item0`) or their schema's `title`;
    /// those that are not required may be missing from the end of the array (`minItems`).
    public var items: [Property]
    /// The type of the items that may follow (`items` beside `prefixItems`); nil when the schema allows
    /// none, or says nothing about them (they are then not kept).
    public var rest: TypeRef?

    public init(items: [Property], rest: TypeRef? = nil) {
        self.items = items
        self.rest = rest
    }
}

/// Keys of an object of which exactly one is present (a protobuf `oneof`, such as a payload entry's
/// `textValue` or `binaryValue`). Generated as one property holding an enum, not as several optionals.
public struct OneOfGroup: Hashable, Sendable {
    /// The name of the property that holds the chosen key.
    public var name: String
    /// One of the keys must be present.
    public var required: Bool
    /// The keys, each with its type.
    public var fields: [Property]
    public var documentation: Documentation
    public var origin: Origin

    public init(name: String, required: Bool, fields: [Property], documentation: Documentation = Documentation(), origin: Origin) {
        self.name = name
        self.required = required
        self.fields = fields
        self.documentation = documentation
        self.origin = origin
    }
}

public struct Property: Hashable, Sendable {
    /// The JSON key.
    public var name: String
    public var type: TypeRef
    /// The key must be present (the value may still be `null` when the type is nullable).
    public var required: Bool
    public var documentation: Documentation
    public var deprecated: Bool
    public var readOnly: Bool
    public var writeOnly: Bool
    public var defaultValue: JSONValue?
    /// The only value the property may hold; checked when decoding.
    public var constValue: JSONValue?
    public var examples: [JSONValue]
    public var origin: Origin

    public init(name: String, type: TypeRef, required: Bool, documentation: Documentation = Documentation(),
                deprecated: Bool = false, readOnly: Bool = false, writeOnly: Bool = false,
                defaultValue: JSONValue? = nil, constValue: JSONValue? = nil, examples: [JSONValue] = [], origin: Origin) {
        self.name = name
        self.type = type
        self.required = required
        self.documentation = documentation
        self.deprecated = deprecated
        self.readOnly = readOnly
        self.writeOnly = writeOnly
        self.defaultValue = defaultValue
        self.constValue = constValue
        self.examples = examples
        self.origin = origin
    }
}

/// A closed list of values that decodes unknown values instead of failing.
public struct EnumShape: Hashable, Sendable {
    public enum RawType: Hashable, Sendable {
        case string
        case integer
    }

    public struct Case: Hashable, Sendable {
        /// The value as written on the wire (decimal text for integers).
        public var value: String
        public var documentation: Documentation
        /// A number that also stands for this value on the wire (protobuf JSON accepts enum numbers).
        public var number: Int?

        public init(value: String, documentation: Documentation = Documentation(), number: Int? = nil) {
            self.value = value
            self.documentation = documentation
            self.number = number
        }
    }

    public var rawType: RawType
    public var cases: [Case]

    public init(rawType: RawType, cases: [Case]) {
        self.rawType = rawType
        self.cases = cases
    }
}

/// A value that is one of several types.
public struct UnionShape: Hashable, Sendable {
    public struct Member: Hashable, Sendable {
        public var type: TypeRef
        /// The tag values that select this member (empty for untagged unions).
        public var tags: [String]
        /// A name for the case, when the input suggests one (the tag, or the referenced type).
        public var nameHint: String

        public init(type: TypeRef, tags: [String] = [], nameHint: String) {
            self.type = type
            self.tags = tags
            self.nameHint = nameHint
        }
    }

    /// The property whose value selects the member; nil for untagged unions, which try each member in turn.
    public var discriminator: String?
    public var members: [Member]

    public init(discriminator: String?, members: [Member]) {
        self.discriminator = discriminator
        self.members = members
    }
}
