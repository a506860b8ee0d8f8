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

    /// A signature wraps when its line, indentation and ` {` included, would pass the line width that
    /// lowering chose, and not before.
    @Test func aSignatureWrapsOnlyPastTheLineWidth() {
        func printed(width: Int) -> String {
            var printer = CodePrinter(lineWidth: width)
            printer.block("extension A") { body in
                body.signature("func f", parameters: ["a: Int", "b: Int"], suffix: " -> Int") { $0.line("a + b") }
            }
            return printer.text
        }
        let oneLine = "    func f(a: Int, b: Int) -> Int {"
        #expect(printed(width: oneLine.count).contains(oneLine + "\n"))
        #expect(printed(width: oneLine.count - 1) == "extension A {\n    func f(\n        a: Int,\n        b: Int\n    ) -> Int {\n"
                    + "        a + b\n    }\n}\n")
    }

    @Test func printerIndentsStructurally() {
        var printer = CodePrinter(lineWidth: 120)
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
