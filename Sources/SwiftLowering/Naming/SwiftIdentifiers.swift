/// Turning words into identifiers the Swift compiler accepts and a reader expects.
public enum SwiftIdentifiers {
    /// Member names that even backticks cannot make safe (`x.self`, `x.init`, `T.Type`): these get a suffix.
    static let unusableMembers: Set<String> = ["self", "Self", "init", "deinit", "subscript", "Type", "Protocol", "_"]

    /// A lowerCamelCase member name (property, case, function, parameter) for an input name.
    /// Never empty; never starts with a digit (`2fa` -> `_2fa`).
    public static func memberName(_ name: String) -> String {
        var result = Words.lowerCamel(Words.split(name))
        if result.isEmpty { result = "value" }
        if result.first?.isNumber == true { result = "_" + result }
        if unusableMembers.contains(result) { result += "Value" }
        return result
    }

    /// An UpperCamelCase type name for an input name. A name that is already a Swift type name
    /// (`SecretSerializer`, `VRRPIP`) is kept as written.
    public static func typeName(_ name: String) -> String {
        if isPlainIdentifier(name), !name.utf8.contains(UInt8(ascii: "_")), name.utf8.first.map(isUpper) == true {
            return name
        }
        var result = Words.upperCamel(Words.split(name))
        if result.isEmpty { result = "Value" }
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// ASCII letters, digits and underscores, not starting with a digit. (Bytes rather than
    /// characters: naming a large API asks this of every name, and a character's properties cost a
    /// table lookup each.)
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, isUpper(first) || isLower(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { isUpper($0) || isLower($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
}
