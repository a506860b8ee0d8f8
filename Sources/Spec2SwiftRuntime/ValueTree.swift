import Foundation

/// A value as its `Encodable` conformance writes it, with files kept as files: what form and multipart
/// bodies are written from. Object keys keep the order the value encodes them in (a struct's declared
/// order), except dictionaries', which are sorted so that the bytes never depend on hashing.
indirect enum EncodedValue: Hashable, Sendable {
    case null
    case string(String)
    /// A number's text (`2`, `1.5`, `1e+20`).
    case number(String)
    case bool(Bool)
    case file(FileUpload)
    case array([EncodedValue])
    case object([Field])

    struct Field: Hashable, Sendable {
        var key: String
        var value: EncodedValue
    }

    /// Encodes `value` into a tree.
    static func of(_ value: some Encodable) throws -> EncodedValue {
        let box = ValueTreeEncoder.Box()
        try ValueTreeEncoder.encode(value, into: box, codingPath: [])
        return box.value
    }

    /// The text of a scalar (nil for arrays, objects and files); `null` is empty.
    var scalarText: String? {
        switch self {
        case .null: return ""
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .file, .array, .object: return nil
        }
    }

    /// The value as JSON text: keys in their order, files as base64 text, `/` not escaped (as
    /// `JSONEncoder.spec2swift` writes it).
    var jsonText: String {
        var text = ""
        writeJSON(into: &text)
        return text
    }

    private func writeJSON(into text: inout String) {
        switch self {
        case .null: text += "null"
        case .number(let number): text += number
        case .bool(let flag): text += flag ? "true" : "false"
        case .string(let string): Self.writeJSONString(string, into: &text)
        case .file(let file): Self.writeJSONString(file.data.base64EncodedString(), into: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.writeJSON(into: &text)
            }
            text += "]"
        case .object(let fields):
            text += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { text += "," }
                Self.writeJSONString(field.key, into: &text)
                text += ":"
                field.value.writeJSON(into: &text)
            }
            text += "}"
        }
    }

    private static func writeJSONString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

/// Dictionaries encode their keys in hash order, which changes from run to run; their keys are sorted.
protocol EncodesUnorderedKeys {}
extension Dictionary: EncodesUnorderedKeys {}

/// The `Encoder` that builds an `EncodedValue`. `Data` becomes base64 text (as in JSON), `FileUpload`
/// stays a file, and numbers keep the text parameters give them.
final class ValueTreeEncoder: Encoder {
    /// Where one value is written; containers add children to it.
    final class Box {
        var scalar: EncodedValue?
        var fields: [(key: String, box: Box)]?
        var elements: [Box]?
        var sortsKeys = false

        var value: EncodedValue {
            if let fields {
                let encoded = fields.map { EncodedValue.Field(key: $0.key, value: $0.box.value) }
                return .object(sortsKeys ? encoded.sorted { $0.key < $1.key } : encoded)
            }
            if let elements { return .array(elements.map(\.value)) }
            return scalar ?? .null
        }

        /// The child under `key`, replacing one encoded before under the same key.
        func child(_ key: String) -> Box {
            let box = Box()
            if fields == nil { fields = [] }
            if let index = fields?.firstIndex(where: { $0.key == key }) {
                fields?[index].box = box
            } else {
                fields?.append((key, box))
            }
            return box
        }

        func element() -> Box {
            let box = Box()
            if elements == nil { elements = [] }
            elements?.append(box)
            return box
        }
    }

    let box: Box
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(box: Box, codingPath: [any CodingKey]) {
        self.box = box
        self.codingPath = codingPath
    }

    static func encode<T: Encodable>(_ value: T, into box: Box, codingPath: [any CodingKey]) throws {
        switch value {
        case let file as FileUpload: box.scalar = .file(file)
        case let data as Data: box.scalar = .string(data.base64EncodedString())
        case let string as String: box.scalar = .string(string)
        case let flag as Bool: box.scalar = .bool(flag)
        case let number as Double: box.scalar = .number(try text(of: number, codingPath))
        case let number as Float: box.scalar = .number(try text(of: Double(number), codingPath))
        case let number as any BinaryInteger: box.scalar = .number(String(describing: number))
        case let number as Decimal: box.scalar = .number(number.description)
        case let url as URL: box.scalar = .string(url.absoluteString)
        default:
            if value is any EncodesUnorderedKeys { box.sortsKeys = true }
            try value.encode(to: ValueTreeEncoder(box: box, codingPath: codingPath))
        }
    }

    private static func text(of number: Double, _ codingPath: [any CodingKey]) throws -> String {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, EncodingError.Context(codingPath: codingPath,
                                                                           debugDescription: "\(number) is not a number a body can hold"))
        }
        return number.parameterText
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if box.fields == nil { box.fields = [] }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if box.elements == nil { box.elements = [] }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(box: box, codingPath: codingPath)
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws {
            box.child(key.stringValue).scalar = .null
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try ValueTreeEncoder.encode(value, into: box.child(key.stringValue), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            ValueTreeEncoder(box: box.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            ValueTreeEncoder(box: box.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            ValueTreeEncoder(box: box.child("super"), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            ValueTreeEncoder(box: box.child(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: Box
        let codingPath: [any CodingKey]
        var count: Int { box.elements?.count ?? 0 }

        private var nextKey: any CodingKey { IndexKey(intValue: count) }

        mutating func encodeNil() throws {
            box.element().scalar = .null
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let path = codingPath + [nextKey]
            try ValueTreeEncoder.encode(value, into: box.element(), codingPath: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let path = codingPath + [nextKey]
            return ValueTreeEncoder(box: box.element(), codingPath: path).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let path = codingPath + [nextKey]
            return ValueTreeEncoder(box: box.element(), codingPath: path).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let path = codingPath + [nextKey]
            return ValueTreeEncoder(box: box.element(), codingPath: path)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let box: Box
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws {
            box.scalar = .null
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try ValueTreeEncoder.encode(value, into: box, codingPath: codingPath)
        }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { intValue.map(String.init) ?? "" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { return nil }
    }
}
