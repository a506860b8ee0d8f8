import Foundation

/// An RFC 3339 date and time, with 0 to 9 fractional digits and `Z` or a UTC offset (decoding also
/// accepts the ISO 8601 offsets `+0000` and `+00`, and a missing offset as UTC).
///
/// The text is kept exactly as received, so a value re-encodes to the same string
/// (`2023-03-23T20:00:00+00:00` stays so; `2023-09-21T18:56:32.624632Z` keeps its six digits), and
/// nanoseconds survive, which `Date` and `ISO8601DateFormatter` cannot promise. Two timestamps are
/// equal when they denote the same instant.
public struct Timestamp: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The RFC 3339 text.
    public let rfc3339: String
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64
    /// Nanoseconds after `secondsSince1970`, in 0..<1_000_000_000.
    public let nanoseconds: Int32

    /// Parses RFC 3339 text; nil when it is not a valid date and time. A missing offset reads as UTC.
    public init?(rfc3339 text: String) {
        guard let parsed = RFC3339.parse(text) else { return nil }
        self.rfc3339 = text
        self.secondsSince1970 = parsed.seconds
        self.nanoseconds = parsed.nanoseconds
    }

    /// The instants RFC 3339 can write: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    public static let representableSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// A timestamp for an instant, written in UTC with `fractionalDigits` digits (0 to 9). Instants
    /// outside `representableSeconds` are clamped to it, so that the text always decodes again.
    public init(secondsSince1970: Int64, nanoseconds: Int32 = 0, fractionalDigits: Int = 0) {
        let nanos = min(max(nanoseconds, 0), 999_999_999)
        let secondsSince1970 = secondsSince1970.clamped(to: Self.representableSeconds)
        self.secondsSince1970 = secondsSince1970
        self.nanoseconds = nanos
        self.rfc3339 = RFC3339.format(seconds: secondsSince1970, nanoseconds: nanos, fractionalDigits: fractionalDigits)
    }

    /// A timestamp for a `Date`, written in UTC with millisecond precision.
    public init(_ date: Date) {
        // Clamped to years 0001...9999, the range RFC 3339 can write.
        let range = Double(Self.representableSeconds.lowerBound)...Double(Self.representableSeconds.upperBound)
        let interval = date.timeIntervalSince1970.isFinite ? date.timeIntervalSince1970.clamped(to: range) : 0
        let seconds = interval.rounded(.down)
        let nanos = Int32(((interval - seconds) * 1_000_000_000).rounded()).clamped(to: 0...999_999_999)
        self.init(secondsSince1970: Int64(seconds), nanoseconds: nanos / 1_000_000 * 1_000_000, fractionalDigits: 3)
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(secondsSince1970) + Double(nanoseconds) / 1_000_000_000)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an RFC 3339 date-time (like 2024-05-01T10:00:00Z)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 == rhs.secondsSince1970 && lhs.nanoseconds == rhs.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSince1970)
        hasher.combine(nanoseconds)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSince1970, lhs.nanoseconds) < (rhs.secondsSince1970, rhs.nanoseconds)
    }

    public var description: String { rfc3339 }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}

/// Parsing and formatting of RFC 3339 `date-time` without Foundation's formatters.
enum RFC3339 {
    static func parse(_ text: String) -> (seconds: Int64, nanoseconds: Int32)? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        var nanoseconds = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 9 { nanoseconds = nanoseconds * 10 + Int(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 {
                for _ in digits..<9 { nanoseconds *= 10 }
            }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
                index += 1
            } else {
                // RFC 3339 writes `+05:30`; ISO 8601's `+0530` and `+05`, which servers also send, are
                // accepted too (the text is kept as received either way).
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                guard expect("+-"), let offsetHour = number(2) else { return nil }
                var offsetMinute = 0
                if index < bytes.count {
                    if bytes[index] == UInt8(ascii: ":") { index += 1 }
                    guard let minute = number(2) else { return nil }
                    offsetMinute = minute
                }
                guard offsetHour <= 23, offsetMinute <= 59 else { return nil }
                offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
            }
        }
        guard index == bytes.count else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        // A leap second (:60) is read as the last instant of its minute.
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetSeconds)
        return (seconds, Int32(nanoseconds))
    }

    static func format(seconds: Int64, nanoseconds: Int32, fractionalDigits: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(daysSince1970: Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        let digits = min(max(fractionalDigits, 0), 9)
        if digits > 0 {
            text += "." + pad(Int(nanoseconds), 9).prefix(digits)
        }
        return text + "Z"
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSince1970` (Howard Hinnant's `civil_from_days`).
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
