import APIModel

/// The concise type syntax of descriptors.
///
/// | expression       | meaning                                              |
/// |------------------|------------------------------------------------------|
/// | `string`         | text                                                 |
/// | `int`, `int32`   | a JSON number (platform / 32-bit integer)            |
/// | `int64`          | a 64-bit integer as a JSON number                    |
/// | `int64-string`   | a 64-bit integer as a JSON string (protobuf JSON)    |
/// | `double`, `bool` | a JSON number, a boolean                             |
/// | `date-time`      | RFC 3339 text with 0-9 fractional digits             |
/// | `date`, `uuid`, `uri`, `email` | text in that format                    |
/// | `bytes`          | base64 text                                          |
/// | `secret`         | text never printed (`SecretString`)                  |
/// | `secret-bytes`   | base64 bytes never printed (`SecretBytes`)           |
/// | `duration`       | protobuf Duration text (`"1.5s"`)                    |
/// | `field-mask`     | protobuf FieldMask text (`"name,description"`)       |
/// | `json`           | any JSON value                                       |
/// | `Name`           | a type declared under `types`                        |
/// | `[T]`            | a list of `T`                                        |
/// | `[string: T]`    | an object with any keys and values of `T`            |
/// | `T?`             | may be left out (only at the outermost level)        |
struct TypeExpression: Equatable {
    indirect enum Node: Equatable {
        case primitive(TypeRef)
        case reference(String)
        case array(Node)
        case map(Node)
    }

    var node: Node
    var optional: Bool

    static let primitives: [String: TypeRef] = [
        "string": .string(.plain), "int": .integer(.int), "int32": .integer(.int32), "int64": .integer(.int64),
        "int64-string": .integer(.int64String), "double": .number, "bool": .boolean, "date-time": .string(.dateTime),
        "date": .string(.date), "uuid": .string(.uuid), "uri": .string(.uri), "email": .string(.email),
        "bytes": .string(.byte), "secret": .string(.secret), "secret-bytes": .string(.secretBytes),
        "duration": .string(.duration), "field-mask": .string(.fieldMask), "json": .json,
    ]

    enum ParseError: Error, Equatable {
        case message(String)
    }

    static func parse(_ text: String) -> Result<TypeExpression, ParseError> {
        var rest = Substring(text.trimmingSpaces())
        var optional = false
        if rest.hasSuffix("?") {
            optional = true
            rest = rest.dropLast()
        }
        switch parseNode(&rest) {
        case .success(let node):
            rest = Substring(String(rest).trimmingSpaces())
            guard rest.isEmpty else {
                return .failure(.message("unexpected '\(rest)' after the type in '\(text)'"))
            }
            return .success(TypeExpression(node: node, optional: optional))
        case .failure(let error):
            return .failure(error)
        }
    }

    private static func parseNode(_ rest: inout Substring) -> Result<Node, ParseError> {
        rest = Substring(String(rest).trimmingSpaces())
        if rest.hasPrefix("[") {
            rest = rest.dropFirst()
            let first: Node
            switch parseNode(&rest) {
            case .success(let node): first = node
            case .failure(let error): return .failure(error)
            }
            rest = Substring(String(rest).trimmingSpaces())
            var result = Node.array(first)
            if rest.hasPrefix(":") {
                guard first == .primitive(.string(.plain)) else {
                    return .failure(.message("map keys must be `string`, as in `[string: T]`"))
                }
                rest = rest.dropFirst()
                switch parseNode(&rest) {
                case .success(let value): result = .map(value)
                case .failure(let error): return .failure(error)
                }
                rest = Substring(String(rest).trimmingSpaces())
            }
            guard rest.hasPrefix("]") else {
                return .failure(.message("missing ']'"))
            }
            rest = rest.dropFirst()
            return .success(result)
        }
        let word = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        guard !word.isEmpty else {
            return .failure(.message(rest.isEmpty ? "a type is missing" : "unexpected '\(rest.prefix(1))'"))
        }
        rest = rest.dropFirst(word.count)
        if let primitive = primitives[String(word)] { return .success(.primitive(primitive)) }
        if word.first?.isUppercase == true { return .success(.reference(String(word))) }
        let names = primitives.keys.sorted().joined(separator: ", ")
        return .failure(.message("'\(word)' is not a type: use one of \(names), or a type name (capitalized) declared under 'types'"))
    }

    /// The model type (without the optional mark), with references checked against the declared names.
    func typeRef(resolving known: Set<String>) -> Result<TypeRef, ParseError> {
        func convert(_ node: Node) -> Result<TypeRef, ParseError> {
            switch node {
            case .primitive(let type): return .success(type)
            case .reference(let name):
                guard known.contains(name) else {
                    return .failure(.message("the type '\(name)' is not declared under 'types'"))
                }
                return .success(.named(TypeName(name)))
            case .array(let element): return convert(element).map(TypeRef.array)
            case .map(let value): return convert(value).map(TypeRef.map)
            }
        }
        return convert(node)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
