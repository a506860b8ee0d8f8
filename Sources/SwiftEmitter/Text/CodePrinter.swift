/// Accumulates Swift source with structural indentation: a block's body is indented by the call
/// that opens it, so no emitting code counts spaces.
struct CodePrinter {
    private(set) var text = ""
    private var indentation = ""
    /// The column a line must not reach past, when it can be wrapped (`SwiftAPI.lineWidth`).
    let lineWidth: Int

    init(lineWidth: Int) {
        self.lineWidth = lineWidth
        text.reserveCapacity(4096)
    }

    /// Whether `content` fits on one line at the current indentation.
    func fits(_ content: String) -> Bool {
        indentation.count + content.count <= lineWidth
    }

    /// One line at the current indentation (an empty line has no trailing spaces).
    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            text += indentation
            text += content
        }
        text += "\n"
    }

    /// `opening {`, the body indented, then `}` (or `closing`).
    mutating func block(_ opening: String, closing: String = "}", _ body: (inout CodePrinter) -> Void) {
        line(opening + " {")
        indented(body)
        line(closing)
    }

    /// A declaration at the top of a file, marked `nonisolated`: generated types and request builders
    /// belong to no actor, also in targets whose default isolation is `MainActor` (Swift 6.2
    /// `defaultIsolation`, the default of Xcode 26 app targets).
    mutating func topLevelBlock(_ opening: String, _ body: (inout CodePrinter) -> Void) {
        block("nonisolated " + opening, body)
    }

    /// `switch subject {`, the cases at the switch's own indentation (Swift style), then `}`.
    mutating func switchBlock(_ subject: String, _ cases: (inout CodePrinter) -> Void) {
        line("switch \(subject) {")
        cases(&self)
        line("}")
    }

    mutating func indented(_ body: (inout CodePrinter) -> Void) {
        let saved = indentation
        indentation += "    "
        body(&self)
        indentation = saved
    }

    /// `///` lines for documentation text; nothing for empty text.
    mutating func documentation(_ paragraphs: [String]) {
        let lines = SwiftLiteral.documentationLines(paragraphs)
        for content in lines {
            line(content.isEmpty ? "///" : "/// " + content)
        }
    }
}
