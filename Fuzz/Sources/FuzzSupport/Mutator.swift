import YAMLReader

/// A small deterministic generator (xorshift), seeded by libFuzzer so that runs can be replayed.
public struct Random {
    private var state: UInt64

    public init(seed: UInt32) {
        state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    /// A number in `0..<bound` (0 when `bound` is 0).
    public mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return bound <= 0 ? 0 : Int(state % UInt64(bound))
    }

    public mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[next(items.count)]
    }
}

/// Changes to a document's structure that a byte-level mutator would hardly ever make.
public struct StructureMutator {
    public var random: Random
    let words: [String]

    public init(random: Random, words: [String]) {
        self.random = random
        self.words = words
    }

    /// Values that reach corners: numbers beyond Int64 and Double, YAML's special floats, odd text.
    static let oddValues: [Tree] = [
        .plain("99999999999999999999"), .plain("-9223372036854775809"), .plain("9223372036854775807"), .plain("1e999"),
        .plain("-1e999"), .plain("1e-400"), .plain(".inf"), .plain(".nan"), .plain("-0"), .plain("0x1F"), .plain("0o17"),
        .plain("1.5"), .plain("true"), .plain("null"), .plain("~"), .plain(""), .text(""), .text("\u{202E}evil"),
        .text("a\u{0}b"), .text("*/ \"\"\" \\(x) #if"), .text("日本語"), .text("😀"), .text("e\u{301}"), .text(" "),
        .text("\u{FEFF}"), .text("{id}"), .text("/a/{b}/{c}"), .text("#/components/schemas"), .text("#"), .text("#/"),
        .text("../x.yaml#/a"), .text(String(repeating: "long", count: 300)), .text("Type"), .text("self"), .text("class"),
        .text("String"), .text("Request"),
    ]

    /// Makes one change at a node chosen across the whole tree.
    public mutating func mutate(_ tree: inout Tree) {
        let total = tree.count
        var target = random.next(total)
        let pointers = StructureMutator.pointers(in: tree, limit: 200)
        change(&tree, at: &target, pointers: pointers, donor: tree)
    }

    /// Walks to the `target`-th node (counting down) and changes it.
    private mutating func change(_ node: inout Tree, at target: inout Int, pointers: [String], donor: Tree) {
        if target == 0 {
            target = -1
            apply(&node, pointers: pointers, donor: donor)
            return
        }
        target -= 1
        switch node {
        case .scalar:
            return
        case .sequence(var items):
            for index in items.indices where target >= 0 {
                change(&items[index], at: &target, pointers: pointers, donor: donor)
            }
            node = .sequence(items)
        case .mapping(var pairs):
            for index in pairs.indices where target >= 0 {
                if target == 0, random.next(2) == 0 {
                    // Rename the key.
                    target = -1
                    pairs[index].key = random.next(4) == 0 ? (random.pick(Self.oddValues) ?? .text("")) : .text(random.pick(words) ?? "")
                    break
                }
                change(&pairs[index].value, at: &target, pointers: pointers, donor: donor)
            }
            node = .mapping(pairs)
        }
    }

    private mutating func apply(_ node: inout Tree, pointers: [String], donor: Tree) {
        switch random.next(10) {
        case 0: // an odd value
            node = random.pick(Self.oddValues) ?? node
        case 1: // a keyword as a value (types, formats, methods, names)
            node = .text(random.pick(words) ?? "")
        case 2: // a reference to somewhere in the document
            node = .mapping([Tree.Pair(key: .text("$ref"), value: .text(random.pick(pointers) ?? "#"))])
        case 3: // another kind
            switch node {
            case .scalar(let text, _): node = random.next(2) == 0 ? .sequence([.text(text)]) : .mapping([Tree.Pair(key: .text(text), value: .plain("1"))])
            case .sequence(let items): node = .mapping(items.enumerated().map { Tree.Pair(key: .plain(String($0.offset)), value: $0.element) })
            case .mapping(let pairs): node = random.next(2) == 0 ? .sequence(pairs.map(\.value)) : .plain("1")
            }
        case 4: // an added entry: a keyword with a value from elsewhere
            let value = subtree(of: donor)
            switch node {
            case .mapping(var pairs):
                pairs.insert(Tree.Pair(key: .text(random.pick(words) ?? "x"), value: value), at: random.next(pairs.count + 1))
                node = .mapping(pairs)
            case .sequence(var items):
                items.insert(value, at: random.next(items.count + 1))
                node = .sequence(items)
            case .scalar:
                node = value
            }
        case 5: // an entry left out
            switch node {
            case .mapping(var pairs) where !pairs.isEmpty:
                pairs.remove(at: random.next(pairs.count))
                node = .mapping(pairs)
            case .sequence(var items) where !items.isEmpty:
                items.remove(at: random.next(items.count))
                node = .sequence(items)
            default:
                node = .plain("null")
            }
        case 6: // wrapped in a combinator, a list, or nullability
            let wrappers: [Tree] = [
                .mapping([Tree.Pair(key: .text("allOf"), value: .sequence([node]))]),
                .mapping([Tree.Pair(key: .text("oneOf"), value: .sequence([node, .mapping([Tree.Pair(key: .text("type"), value: .text("null"))])]))]),
                .mapping([Tree.Pair(key: .text("anyOf"), value: .sequence([node, node]))]),
                .mapping([Tree.Pair(key: .text("type"), value: .text("array")), Tree.Pair(key: .text("items"), value: node)]),
                .mapping([Tree.Pair(key: .text("additionalProperties"), value: node)]),
                .sequence([node]),
            ]
            node = random.pick(wrappers) ?? node
        case 7: // a copy of another part of the document (deeper nesting, repeated structure)
            node = subtree(of: donor)
        case 8: // a type with a format, nullable, or read-only mark
            let marks: [Tree.Pair] = [
                Tree.Pair(key: .text("type"), value: random.pick(Self.types) ?? .text("string")),
                Tree.Pair(key: .text("format"), value: .text(random.pick(Self.formats) ?? "")),
                Tree.Pair(key: .text("nullable"), value: .plain("true")),
                Tree.Pair(key: .text("readOnly"), value: .plain("true")),
                Tree.Pair(key: .text("enum"), value: .sequence([random.pick(Self.oddValues) ?? .plain("1"), .text("a")])),
                Tree.Pair(key: .text("const"), value: random.pick(Self.oddValues) ?? .plain("1")),
            ]
            if case .mapping(var pairs) = node, let mark = random.pick(marks) {
                pairs.append(mark)
                node = .mapping(pairs)
            } else {
                node = .mapping([marks[0]])
            }
        default: // text that is nearly the same
            if case .scalar(let text, let quoted) = node {
                let suffixes = ["s", "_id", "2", "\u{202E}", " ", "?", "[]", "-", "{x}"]
                node = .scalar(text + (random.pick(suffixes) ?? ""), quoted: quoted)
            } else {
                node = random.pick(Self.oddValues) ?? node
            }
        }
    }

    static let types: [Tree] = ["string", "integer", "number", "boolean", "object", "array", "null", "int", "string?"].map { .text($0) }
        + [.sequence([.text("string"), .text("null")]), .sequence([.text("integer"), .text("object")])]
    static let formats = ["date-time", "date", "int32", "int64", "uuid", "uuid4", "binary", "byte", "password", "ipv4", "ipv6",
                          "uri", "email", "decimal", "float", "double", "duration", "unknown"]

    /// A random part of the document, not too large.
    private mutating func subtree(of tree: Tree) -> Tree {
        var current = tree
        for _ in 0..<random.next(6) + 1 {
            switch current {
            case .sequence(let items) where !items.isEmpty: current = random.pick(items) ?? current
            case .mapping(let pairs) where !pairs.isEmpty: current = random.pick(pairs)?.value ?? current
            default: return current
            }
        }
        return current.count > 2_000 ? .plain("1") : current
    }

    /// JSON pointers to nodes of the tree (breadth first, at most `limit`), for `$ref`s.
    static func pointers(in tree: Tree, limit: Int) -> [String] {
        var result: [String] = []
        var queue: [(Tree, String)] = [(tree, "#")]
        var index = 0
        while index < queue.count, result.count < limit {
            let (node, pointer) = queue[index]
            index += 1
            result.append(pointer)
            switch node {
            case .scalar: break
            case .sequence(let items):
                for (position, item) in items.enumerated() { queue.append((item, pointer + "/" + String(position))) }
            case .mapping(let pairs):
                for pair in pairs {
                    guard case .scalar(let key, _) = pair.key else { continue }
                    let escaped = key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                    queue.append((pair.value, pointer + "/" + escaped))
                }
            }
        }
        return result
    }
}

/// Keywords of OpenAPI, JSON Schema and descriptors, for keys and values.
public enum Words {
    public static let openAPI = [
        "openapi", "info", "title", "version", "description", "paths", "components", "schemas", "parameters", "responses",
        "requestBodies", "securitySchemes", "servers", "url", "variables", "default", "enum", "get", "put", "post", "delete",
        "patch", "head", "options", "trace", "operationId", "tags", "summary", "requestBody", "content", "application/json",
        "multipart/form-data", "text/plain", "schema", "$ref", "type", "format", "properties", "required", "items", "const",
        "allOf", "oneOf", "anyOf", "not", "nullable", "additionalProperties", "patternProperties", "discriminator",
        "propertyName", "mapping", "example", "examples", "readOnly", "writeOnly", "deprecated", "in", "name", "path", "query",
        "header", "cookie", "style", "explode", "form", "deepObject", "security", "apiKey", "http", "bearer", "basic", "scheme",
        "minItems", "maxLength", "pattern", "x-nullable", "200", "201", "204", "400", "default", "2XX", "headers", "/a/{id}",
        "id", "swagger", "3.0.3", "3.1.0", "$defs", "prefixItems", "contentSchema", "contentMediaType",
    ]

    public static let descriptor = [
        "descriptor", "namespace", "title", "version", "description", "servers", "auth", "headers", "envelope", "name",
        "result", "success", "fields", "types", "operations", "long-running-operations", "one-of", "one-of-fields", "enum",
        "alias", "tag", "members", "deprecated", "example", "method", "path", "id", "summary", "server", "parameters", "body",
        "paging", "page", "total-pages", "type", "done", "error", "poll", "number", "json", "read-only", "write-only", "const",
        "in", "required", "string", "int", "int32", "int64", "int64-string", "double", "bool", "date-time", "date", "uri",
        "email", "uuid", "bytes", "secret", "secret-bytes", "duration", "field-mask", "string?", "[string]", "[string: int]",
        "[Thing]?", "Thing", "GET", "POST", "PATCH", "/things/{id}", "Authorization", "Bearer {token}", "https://a.example",
    ]
}
