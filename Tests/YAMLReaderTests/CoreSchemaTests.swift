import Testing
import YAMLReader

/// One row of the YAML 1.2 core-schema resolution table.
struct Resolution: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case string, null, bool(Bool), int(String), float(Double), nan
    }

    var yaml: String
    var expected: Expected

    init(_ yaml: String, _ expected: Expected) {
        self.yaml = yaml
        self.expected = expected
    }

    var testDescription: String { "v: \(yaml)" }
}

@Suite struct CoreSchemaTests {
    static let table: [Resolution] = [
        // YAML 1.1 booleans are strings in 1.2.
        Resolution("yes", .string), Resolution("no", .string), Resolution("on", .string),
        Resolution("off", .string), Resolution("y", .string), Resolution("n", .string),
        Resolution("true", .bool(true)), Resolution("True", .bool(true)), Resolution("TRUE", .bool(true)),
        Resolution("false", .bool(false)), Resolution("FALSE", .bool(false)),
        Resolution("null", .null), Resolution("Null", .null), Resolution("~", .null), Resolution("", .null),
        Resolution("0755", .int("755")), Resolution("0x1F", .int("31")), Resolution("0o17", .int("15")),
        Resolution("-0", .int("0")), Resolution("+12", .int("12")), Resolution("-12", .int("-12")),
        Resolution("0", .int("0")), Resolution("000", .int("0")),
        Resolution("9223372036854776000", .int("9223372036854776000")),
        Resolution("1.5", .float(1.5)), Resolution("1e3", .float(1000)), Resolution(".5", .float(0.5)),
        Resolution("-.inf", .float(-.infinity)), Resolution(".inf", .float(.infinity)), Resolution(".nan", .nan),
        Resolution("-1.5E-2", .float(-0.015)), Resolution("1.", .float(1)), Resolution("+1.e2", .float(100)),
        Resolution("'true'", .string), Resolution("\"12\"", .string), Resolution("!!str 12", .string),
        Resolution("\"null\"", .string), Resolution("'~'", .string),
        Resolution("1.2.3", .string), Resolution("0x", .string), Resolution("0o8", .string),
        Resolution("+", .string), Resolution(".", .string), Resolution("1e", .string),
        Resolution("nulls", .string), Resolution("0xG", .string),
    ]

    @Test(arguments: table)
    func resolves(_ row: Resolution) throws {
        let root = try YAMLReader().read("v: \(row.yaml)")
        let scalar = try #require(root["v"]?.scalar)
        switch row.expected {
        case .string:
            #expect(scalar.resolved == .string)
        case .null:
            #expect(scalar.resolved == .null)
        case .bool(let value):
            #expect(scalar.resolved == .bool(value))
            #expect(scalar.boolValue == value)
        case .int(let digits):
            #expect(scalar.resolved == .int(digits))
        case .float(let value):
            #expect(scalar.resolved == .float(value))
        case .nan:
            guard case .float(let value) = scalar.resolved else {
                Issue.record("expected a float, got \(scalar.resolved)")
                return
            }
            #expect(value.isNaN)
        }
    }

    @Test func textIsKeptAsWritten() throws {
        let root = try YAMLReader().read("a: 0x1F\nb: '12'\nc: !!str 12\nd: 0755")
        #expect(root["a"]?.scalar?.text == "0x1F")
        #expect(root["b"]?.scalar?.text == "12")
        #expect(root["b"]?.scalar?.style == .singleQuoted)
        #expect(root["c"]?.scalar?.text == "12")
        #expect(root["d"]?.scalar?.text == "0755")
    }

    @Test func intValueFitsInInt() throws {
        let root = try YAMLReader().read("small: 0x1F\nbig: 9223372036854776000\nmax: 9223372036854775807\nword: ten")
        #expect(root["small"]?.scalar?.intValue == 31)
        #expect(root["big"]?.scalar?.resolved == .int("9223372036854776000"))
        #expect(root["big"]?.scalar?.intValue == nil)
        #expect(root["max"]?.scalar?.intValue == Int.max)
        #expect(root["word"]?.scalar?.intValue == nil)
        #expect(root["word"]?.scalar?.boolValue == nil)
    }

    @Test func explicitTagsResolveQuotedText() throws {
        let root = try YAMLReader().read("a: !!int \"12\"\nb: \"12\"")
        #expect(root["a"]?.scalar?.resolved == .int("12"))
        #expect(root["b"]?.scalar?.resolved == .string)
    }

    @Test func blockScalarsAreStrings() throws {
        let root = try YAMLReader().read("a: |\n  12\nb: >\n  true\n")
        #expect(root["a"]?.scalar?.resolved == .string)
        #expect(root["b"]?.scalar?.resolved == .string)
    }

    /// The core schema's hexadecimal form is `0x[0-9a-fA-F]+` and octal is `0o[0-7]+`: no sign after the prefix.
    @Test(arguments: ["0x+1F", "0x-0", "0o+17"])
    func signAfterRadixPrefixIsAString(_ text: String) throws {
        let root = try YAMLReader().read("v: \(text)")
        #expect(root["v"]?.scalar?.resolved == .string)
    }

    /// `0x[0-9a-fA-F]+` is an integer whatever its size; decimal integers beyond Int64 are kept as text,
    /// and hexadecimal or octal ones should be too, rather than falling back to a string.
    @Test(arguments: [("0x1FFFFFFFFFFFFFFFF", "36893488147419103231"), ("0o7777777777777777777777", "73786976294838206463")])
    func radixIntegerBeyondUInt64IsStillAnInteger(_ text: String, _ digits: String) throws {
        let root = try YAMLReader().read("v: \(text)")
        #expect(root["v"]?.scalar?.resolved == .int(digits))
    }

    @Test func kindDescriptions() throws {
        let root = try YAMLReader().read("a: ~\nb: true\nc: 1\nd: 1.5\ne: x\nf: [1]\ng: {h: 1}")
        let kinds = try #require(root.mapping).map(\.value.kindDescription)
        #expect(kinds == ["null", "a boolean", "an integer", "a number", "a string", "a sequence", "a mapping"])
    }

    /// Found by fuzz-yaml: ` .NAN` read twice (on the calling thread and on the parser thread) gave
    /// trees that were not equal, because NaN's own `==` is false. A NaN scalar equals itself.
    @Test(arguments: [" .NAN", "v: .nan", "[.NaN, .NaN]"])
    func notANumberEqualsItself(_ text: String) throws {
        let direct = try YAMLReader().read(text)
        let threaded = try YAMLReader(pipelineThreshold: 0).read(text)
        #expect(scalars(direct) == scalars(threaded))
        #expect(Set(scalars(direct) + scalars(threaded)).count == Set(scalars(direct)).count)
        #expect(YAMLScalar.Resolved.float(.nan) != .float(1))
        #expect(YAMLScalar.Resolved.float(0) == .float(-0.0))
        #expect(Set([YAMLScalar.Resolved.float(0), .float(-0.0)]).count == 1)
    }

    func scalars(_ node: YAMLNode) -> [YAMLScalar] {
        switch node.content {
        case .scalar(let scalar): [scalar]
        case .sequence(let items): items.flatMap(scalars)
        case .mapping(let mapping): mapping.pairs.flatMap { scalars($0.key) + scalars($0.value) }
        }
    }
}
