import Spec2SwiftRuntime
import Testing

/// `WireHashable`: generated types are equal when they encode to the same JSON.
@Suite struct WireHashableTests {
    struct Item: Encodable, WireHashable {
        var name: String
        var size: Double?
        var tags: [String: Int] = [:]
    }

    enum Choice: Encodable, WireHashable {
        case text(String)
        case item(Item)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .text(let text): try text.encode(to: encoder)
            case .item(let item): try item.encode(to: encoder)
            }
        }
    }

    @Test func equalValuesAreEqualAndHashAlike() {
        let one = Item(name: "a", size: 1.5, tags: ["x": 1, "y": 2])
        let two = Item(name: "a", size: 1.5, tags: ["y": 2, "x": 1])
        #expect(one == two)
        #expect(one.hashValue == two.hashValue)
        #expect(Set([one, two]).count == 1)
    }

    @Test func anyDifferenceOnTheWireMakesThemDifferent() {
        let base = Item(name: "a", size: 1.5)
        #expect(base != Item(name: "b", size: 1.5))
        #expect(base != Item(name: "a", size: 2))
        #expect(base != Item(name: "a", size: nil))
        #expect(base != Item(name: "a", size: 1.5, tags: ["x": 1]))
        #expect(Choice.text("a") != Choice.item(base))
        #expect(Choice.item(base) == Choice.item(Item(name: "a", size: 1.5)))
    }

    @Test func valuesThatCannotBeEncodedAreComparedByReflection() {
        let nan = Item(name: "a", size: .nan)
        #expect(nan == nan)
        #expect(nan != Item(name: "b", size: .nan))
        #expect(nan != Item(name: "a", size: 1))
    }

    @Test func timestampsCompareByTheirText() throws {
        struct Stamped: Encodable, WireHashable { var at: Timestamp }
        let utc = try #require(Timestamp(rfc3339: "2020-01-01T00:00:00Z"))
        let offset = try #require(Timestamp(rfc3339: "2020-01-01T00:00:00+00:00"))
        #expect(Stamped(at: utc) == Stamped(at: utc))
        #expect(Stamped(at: utc) != Stamped(at: offset))
    }
}
