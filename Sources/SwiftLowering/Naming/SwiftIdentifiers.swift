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
}
