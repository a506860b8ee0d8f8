/// Splitting names from any input convention into words, and joining words as Swift names.
///
/// `secret_type` -> `secretType`, `project_id` -> `projectID`, `changes-before` -> `changesBefore`,
/// `SCHEDULED_FOR_DESTRUCTION` -> `scheduledForDestruction`, `Get secret` -> `getSecret`.
public enum Words {
    /// Words written in capitals inside Swift names (Swift API Design Guidelines), with plurals.
    static let acronyms: [String: String] = [
        "id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "uri": "URI", "uuid": "UUID", "uuids": "UUIDs",
        "ip": "IP", "ips": "IPs", "api": "API", "apis": "APIs", "json": "JSON", "http": "HTTP", "https": "HTTPS",
        "cpu": "CPU", "cpus": "CPUs", "gpu": "GPU", "gpus": "GPUs", "dns": "DNS", "ssh": "SSH", "tls": "TLS",
        "ssl": "SSL", "vm": "VM", "vms": "VMs", "vip": "VIP", "ttl": "TTL", "iam": "IAM", "kms": "KMS",
        "sql": "SQL", "xml": "XML", "html": "HTML", "cidr": "CIDR", "mac": "MAC",
    ]

    /// Splits on anything that is not a letter or digit, and at case changes
    /// (`bitLength` -> bit, Length; `HTTPServer` -> HTTP, Server). A name written only in capitals is
    /// read as lower case first, so `ACTIVE_STATE` gives active, state.
    public static func split(_ name: String) -> [String] {
        let screaming = !name.contains(where: \.isLowercase) && name.contains(where: \.isUppercase)
        let source = screaming ? name.lowercased() : name
        var words: [String] = []
        for chunk in source.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            words.append(contentsOf: splitCamelCase(Array(chunk)))
        }
        return words
    }

    private static func splitCamelCase(_ characters: [Character]) -> [String] {
        var words: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            if !current.isEmpty, character.isUppercase {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // lower|Upper, digit|Upper, and the last capital of a run before a lower-case letter (HTTP|Server).
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `UpperCamelCase`: acronyms in capitals, other words with a capital first letter and the rest as written.
    public static func upperCamel(_ words: [String]) -> String {
        words.map(capitalized).joined()
    }

    /// `lowerCamelCase`: the first word in lower case, the rest as in `upperCamel`.
    public static func lowerCamel(_ words: [String]) -> String {
        guard let first = words.first else { return "" }
        return lowercasedWord(first) + words.dropFirst().map(capitalized).joined()
    }

    static func capitalized(_ word: String) -> String {
        let lower = word.lowercased()
        if let acronym = acronyms[lower], word == lower || word.dropFirst() == lower.dropFirst() { return acronym }
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    static func lowercasedWord(_ word: String) -> String {
        // An all-capitals first word (an acronym) is lowered whole: `IPAddress` -> `ipAddress`.
        if word.allSatisfy({ !$0.isLowercase }) { return word.lowercased() }
        guard let first = word.first else { return word }
        return first.lowercased() + word.dropFirst()
    }
}
