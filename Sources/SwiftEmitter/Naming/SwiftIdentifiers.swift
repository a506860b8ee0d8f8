/// Turning words into identifiers the Swift compiler accepts and a reader expects.
public enum SwiftIdentifiers {
    /// Reserved words that must be written in backticks to be used as names.
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
        "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil",
        "self", "Self", "super", "throws", "true", "try", "_",
    ]

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
        if isPlainIdentifier(name), !name.contains("_"), name.first?.isUppercase == true {
            return name
        }
        var result = Words.upperCamel(Words.split(name))
        if result.isEmpty { result = "Value" }
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// Letters, digits and underscores, not starting with a digit.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    /// The name as written in source: in backticks when it is a keyword.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }
}
