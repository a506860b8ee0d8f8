/// Resolution of scalars under the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema).
///
/// Only plain (unquoted) scalars are resolved; quoted and block scalars are strings. Unlike YAML 1.1,
/// `yes`, `no`, `on`, `off`, `y` and `n` are strings, and `0755` is the integer 755, not octal.
enum CoreSchema {
    static let stringTag = "tag:yaml.org,2002:str"

    static func resolve(_ text: String, style: YAMLScalar.Style, tag: String?) -> YAMLScalar.Resolved {
        if tag == stringTag { return .string }
        guard style == .plain || (tag != nil && tag != "!") else { return .string }
        // Most plain scalars are words; only these first characters can start anything else.
        if let first = text.utf8.first, !Self.nonStringStarts.contains(first) { return .string }
        var utf8 = Array(text.utf8)
        switch utf8.count {
        case 0:
            return .null
        case 1 where utf8[0] == UInt8(ascii: "~"):
            return .null
        default:
            break
        }
        switch text {
        case "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let integer = integer(&utf8) { return integer }
        if isFloat(utf8), let value = Double(text) { return .float(value) }
        return .string
    }

    /// The first bytes of null (`n`, `N`, `~`), booleans (`t`, `T`, `f`, `F`), numbers, infinities and NaN.
    private static let nonStringStarts: Set<UInt8> = Set("nN~tTfF.+-0123456789".utf8)

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, as canonical decimal text.
    private static func integer(_ utf8: inout [UInt8]) -> YAMLScalar.Resolved? {
        if utf8.count > 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "o") {
            let radix = utf8[1] == UInt8(ascii: "x") ? 16 : 8
            var digits: [Int] = []
            for byte in utf8[2...] {
                // Only digits of the radix: no sign, no separators (`0x+1F` is a string).
                guard let digit = Self.digitValue(byte), digit < radix else { return nil }
                digits.append(digit)
            }
            return .int(decimalText(digits, radix: radix))
        }
        var index = 0
        var negative = false
        if utf8[0] == UInt8(ascii: "-") || utf8[0] == UInt8(ascii: "+") {
            negative = utf8[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < utf8.count else { return nil }
        for byte in utf8[index...] where !isDigit(byte) { return nil }
        // Canonical form: no sign for positives, no leading zeros.
        while index < utf8.count - 1, utf8[index] == UInt8(ascii: "0") { index += 1 }
        let digits = String(decoding: utf8[index...], as: UTF8.self)
        return .int(negative && digits != "0" ? "-" + digits : digits)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// Digits in another radix as decimal text, of any length (values beyond 64 bits stay exact).
    private static func decimalText(_ digits: [Int], radix: Int) -> String {
        var decimal: [Int] = [0] // least significant digit first
        for digit in digits {
            var carry = digit
            for index in decimal.indices {
                let value = decimal[index] * radix + carry
                decimal[index] = value % 10
                carry = value / 10
            }
            while carry > 0 {
                decimal.append(carry % 10)
                carry /= 10
            }
        }
        while decimal.count > 1, decimal.last == 0 { decimal.removeLast() }
        return String(decimal.reversed().map { Character(String($0)) })
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ utf8: [UInt8]) -> Bool {
        var index = 0
        let count = utf8.count
        if index < count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") { index += 1 }
        var mantissaDigits = 0
        while index < count, isDigit(utf8[index]) { index += 1; mantissaDigits += 1 }
        if index < count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, isDigit(utf8[index]) { index += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if index < count, utf8[index] == UInt8(ascii: "e") || utf8[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < count, isDigit(utf8[index]) { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return index == count
    }
}
