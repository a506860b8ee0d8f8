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
        let bytes = Array(name.utf8)
        let screaming = !bytes.contains(where: isLower) && bytes.contains(where: isUpper)
        var words: [String] = []
        var current: [UInt8] = []
        func finish() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for (index, original) in bytes.enumerated() {
            // Only ASCII letters and digits make words; everything else separates them.
            guard isLower(original) || isUpper(original) || isDigit(original) else {
                finish()
                continue
            }
            let byte = screaming && isUpper(original) ? original + 32 : original
            if !current.isEmpty, isUpper(byte), let previous = current.last {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                // lower|Upper, digit|Upper, and the last capital of a run before a lower-case letter (HTTP|Server).
                // A version after capitals stays with them (`IPv4`, not I|Pv4).
                let version = next == 0x76 && index + 2 < bytes.count && isDigit(bytes[index + 2])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && isLower(next) && !version) { finish() }
            }
            current.append(byte)
        }
        finish()
        return words
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `UpperCamelCase`: acronyms in capitals, other words with a capital first letter and the rest as written.
    public static func upperCamel(_ words: [String]) -> String {
        words.map(capitalized).joined()
    }

    /// `lowerCamelCase`: the first word in lower case, the rest as in `upperCamel`.
    public static func lowerCamel(_ words: [String]) -> String {
        guard let first = words.first else { return "" }
        var result = lowercasedWord(first)
        for (previous, word) in zip(words, words.dropFirst()) {
            // Numbers stay apart (`1.0` -> `1_0`, not `10`).
            if previous.last?.isNumber == true && word.first?.isNumber == true { result += "_" }
            result += capitalized(word)
        }
        return result
    }

    static func capitalized(_ word: String) -> String {
        let lower = word.lowercased()
        if let acronym = acronyms[lower], word == lower || word.dropFirst() == lower.dropFirst() { return acronym }
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    static func lowercasedWord(_ word: String) -> String {
        // An all-capitals first word (an acronym) is lowered whole: `IPAddress` -> `ipAddress`; so are
        // the capitals before a version (`IPv4` -> `ipv4`).
        if word.allSatisfy({ !$0.isLowercase }) { return word.lowercased() }
        let capitals = word.prefix { $0.isUppercase }
        if capitals.count > 1 { return capitals.lowercased() + word.dropFirst(capitals.count) }
        guard let first = word.first else { return word }
        return first.lowercased() + word.dropFirst()
    }
}
