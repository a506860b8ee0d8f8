/// Paths as text. `NSString.deletingLastPathComponent` traps on a path without a slash in the
/// Foundation of Swift 6.3 on Linux (`"o"`, as in `--output o`, crashed the generator), so the
/// generator takes paths apart itself.
public enum PathText {
    /// `path` without its last component: `a/b/c` -> `a/b`, `/a` -> `/`, `a` -> `` (as NSString's
    /// `deletingLastPathComponent` defines it, trailing slashes ignored).
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var head = trimmed[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }
}
