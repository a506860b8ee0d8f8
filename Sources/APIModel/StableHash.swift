/// FNV-1a with 64 bits: a hash that is the same on every machine and in every run (Swift's `Hasher`
/// is seeded per process), for file names, file buckets and digests that must not move.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The hash as 16 lower-case hexadecimal digits.
    public static func hex(_ text: String) -> String {
        let digits = String(fnv1a(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
