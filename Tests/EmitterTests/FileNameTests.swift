@testable import SwiftEmitter
import Testing

/// Types named after long summaries still get files every file system takes, one per type, the same
/// on every run.
@Suite struct FileNameTests {
    @Test func shortNamesAreKept() {
        #expect(FileNames.bounded("Gcore.Secret") == "Gcore.Secret")
        let limit = String(repeating: "a", count: FileNames.limit)
        #expect(FileNames.bounded(limit) == limit)
    }

    @Test func longNamesKeepTheirStartAndEndInAHashOfTheWholeName() {
        let long = "X." + String(repeating: "CompactAConversation", count: 20)
        let other = long + "Item"
        let bounded = FileNames.bounded(long)
        #expect(bounded.utf8.count == FileNames.limit)
        #expect(bounded.hasPrefix("X.CompactAConversationCompact"))
        #expect(bounded == FileNames.bounded(long), "the same name always gets the same file")
        #expect(FileNames.bounded(other) != bounded, "names that share their start get files of their own")
        #expect(FileNames.bounded(other).utf8.count == FileNames.limit)
        // A character of several bytes is never cut.
        let wide = String(repeating: "é", count: 100)
        #expect(FileNames.bounded(wide).utf8.count <= FileNames.limit)
        #expect(FileNames.bounded(wide).hasPrefix("ééé"))
    }
}
