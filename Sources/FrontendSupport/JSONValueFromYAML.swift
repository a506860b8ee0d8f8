import APIModel
import YAMLReader

extension YAMLNode {
    /// The node as a JSON value (for defaults, examples, `const` and `enum` values). YAML floats that
    /// JSON cannot write as numbers (`.inf`, `.nan`) stay text; numbers are kept as JSON number text.
    public var jsonValue: JSONValue {
        switch content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let digits): return .number(digits)
            case .float(let value):
                guard value.isFinite else { return .string(scalar.text) }
                return .number(Self.isJSONNumber(scalar.text) ? scalar.text : String(value))
            case .string: return .string(scalar.text)
            }
        case .sequence(let items):
            return .array(items.map(\.jsonValue))
        case .mapping(let mapping):
            return .object(mapping.pairs.map { (key: $0.key.scalar?.text ?? "", value: $0.value.jsonValue) })
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`: YAML also allows `+1`, `.5` and `1.`, JSON does not.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let leadingZero = bytes.first == UInt8(ascii: "0")
        let integer = digits()
        guard integer > 0, !(leadingZero && integer > 1) else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
