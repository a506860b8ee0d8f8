import Foundation

/// Whether two JSON texts hold the same value: object key order does not matter, and numbers
/// compare by value (`1` equals `1.0`), as JSON itself defines.
public enum JSONComparison {
    public static func equal(_ left: Data, _ right: Data) -> Bool {
        guard let a = try? JSONSerialization.jsonObject(with: left, options: [.fragmentsAllowed]),
              let b = try? JSONSerialization.jsonObject(with: right, options: [.fragmentsAllowed]) else { return false }
        return equal(a, b)
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy(equal)
        case let (x as String, y as String):
            return x == y
        case let (x as NSNumber, y as NSNumber):
            // Booleans are NSNumbers too: keep true apart from 1.
            if isBool(x) != isBool(y) { return false }
            return x.doubleValue == y.doubleValue
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }

    static func isBool(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// JSON text with sorted keys, for readable failure messages.
    public static func canonical(_ data: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let text = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]) else {
            return String(decoding: data, as: UTF8.self)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
