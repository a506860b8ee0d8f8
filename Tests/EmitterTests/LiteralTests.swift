@testable import SwiftEmitter
import Testing

/// Everything from a spec reaches Swift source through `SwiftLiteral`.
@Suite struct LiteralTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("a\"b", #""a\"b""#),
        ("back\\slash", #""back\\slash""#),
        ("\\(interpolation)", #""\\(interpolation)""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("nul\u{0}", #""nul\u{0}""#),
        ("bidi\u{202E}override", #""bidi\u{202e}override""#),
        ("zero\u{200B}width", #""zero\u{200b}width""#),
        ("ключ é 🙂", #""ключ é 🙂""#),
        ("\"\"\"", #""\"\"\"""#),
    ])
    func stringLiterals(_ text: String, _ expected: String) {
        #expect(SwiftLiteral.string(text) == expected)
    }

    @Test func documentationCannotLeaveTheComment() {
        let lines = SwiftLiteral.documentationLines(["first\r\nsecond */ still comment\u{202E}\n\n\nthird  ", "", "next"])
        #expect(lines == ["first", "second */ still comment\u{FFFD}", "", "", "third", "", "next"])
        // Every line goes after `///`, so no text can end the comment or start code.
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
    }

    @Test func printerIndentsStructurally() {
        var printer = CodePrinter()
        printer.block("struct A") { body in
            body.line("let x: Int")
            body.line()
            body.switchBlock("x") { cases in
                cases.line("default: break")
            }
        }
        #expect(printer.text == "struct A {\n    let x: Int\n\n    switch x {\n    default: break\n    }\n}\n")
    }

    @Test(arguments: ["default", "protocol", "in", "class", "Any", "false"])
    func keywordsAreEscaped(_ keyword: String) {
        #expect(Identifiers.escaped(keyword) == "`\(keyword)`")
    }

    @Test func ordinaryNamesAreNotEscaped() {
        #expect(Identifiers.escaped("type") == "type")
        #expect(Identifiers.escaped("get") == "get")
    }
}
