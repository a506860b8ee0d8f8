/// Names taken in one scope: a name that is taken gets a number (`name2`), so the result never
/// depends on hashing and never reaches the compiler twice.
struct Scope {
    private var taken: Set<String> = []
    private let caseInsensitive: Bool

    init(reserved: Set<String> = [], caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        for name in reserved { reserve(name) }
    }

    /// A scope whose taken names are `keys`, already in the form `key(_:)` gives (lower case when
    /// `caseInsensitive`).
    init(keys: Set<String>, caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        self.taken = keys
    }

    func isTaken(_ name: String) -> Bool {
        taken.contains(key(name))
    }

    mutating func reserve(_ name: String) {
        taken.insert(key(name))
    }

    /// Names are ASCII identifiers, so folding case byte by byte is enough (and much cheaper).
    private func key(_ name: String) -> String {
        guard caseInsensitive, name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// `candidate`, or `candidate2`, `candidate3`... (`name_2` after a digit): the first that is free.
    mutating func claim(_ candidate: String) -> String {
        var name = candidate
        var number = 2
        while isTaken(name) {
            name = candidate + (candidate.last?.isNumber == true ? "_" : "") + String(number)
            number += 1
        }
        reserve(name)
        return name
    }
}

/// Names that generated code must not declare, because they would hide or clash with what it uses.
enum ReservedNames {
    /// Names a type must not take at any level: they would hide a type the generated code uses.
    static let types: Set<String> = [
        "Swift", "Foundation", "FoundationNetworking", "Spec2SwiftRuntime",
        "String", "Int", "Int32", "Int64", "UInt", "Double", "Float", "Bool", "Character", "Array", "Dictionary",
        "Set", "Optional", "Result", "Error", "Never", "Void", "Any", "AnyObject", "Type", "Protocol", "Self",
        "Codable", "Encodable", "Decodable", "Encoder", "Decoder", "CodingKey", "CodingKeys", "Hashable", "Equatable",
        "Sendable", "RawRepresentable", "DecodingError", "EncodingError", "Data", "Date", "URL", "UUID",
        "JSONValue", "JSONKey", "Timestamp", "Nullable", "SecretString", "Int64String", "UUIDString", "IPAddressString",
        "IPNetworkString", "IPInterfaceString", "Request", "RequestPath", "ResponseDecoding", "NoContent",
        "Authentication", "ParameterValue", "UnionDecodingFailures", "ResponseEnvelope", "EnvelopeFailure",
        "ProviderMessage", "APIError", "Auth", "SecretBytes", "FieldMask", "ProtobufDuration", "HTTPMethod", "Indirect",
        "Duration", "APIClient", "PagedRequest", "Page", "PageSequence", "LongRunningOperation", "HTTPHeaders", "QueryItems",
        "RetryPolicy", "ErrorResponse", "HTTPTransport", "URLSessionTransport", "FileUpload", "FieldEncoding", "BodyEncoding",
    ]

    /// `types` as a case-insensitive scope stores them, worked out once.
    static let typeKeys = Set(types.map { $0.lowercased() })

    /// Member names that would clash with what generated types declare themselves.
    static let structMembers: Set<String> = ["hashValue", "hash", "encode"]
    static let enumMembers: Set<String> = ["rawValue", "hashValue", "hash", "encode", "undocumented", "parameterText"]
    /// The envelope's own members.
    static let envelopeMembers: Set<String> = ["unwrap", "Result"]
    /// What the namespace declares besides operations and servers.
    static let namespaceMembers: Set<String> = ["wait"]
    /// What an operation's function declares besides its parameters.
    static let operationLocals: Set<String> = ["request"]
    /// Names the helpers of an operation use beside its parameters: the page's cursor, and the
    /// parameters and locals of `...AndWait`.
    static let pagingLocals: Set<String> = ["cursor"]
    static let waitingLocals: Set<String> = ["client", "interval", "timeout", "answer"]

    /// A type name for an input name; one that would hide a type the generated code uses gets `Model`.
    static func typeCandidate(_ name: String, namespace: String) -> String {
        let candidate = SwiftIdentifiers.typeName(name)
        return types.contains(candidate) || candidate == namespace ? candidate + "Model" : candidate
    }
}
