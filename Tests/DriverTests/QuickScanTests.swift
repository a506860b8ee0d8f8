import Foundation
@testable import GeneratorDriver
import Testing
import TestSupport
import YAMLReader

/// `InputChecks.quickScan` answers from a document's bytes what the walk over its tree finds, or
/// declines: whenever it answers, the walk must agree (no direction control it missed, no `$ref` to
/// another file it missed).
@Suite struct QuickScanTests {
    /// The quick answer, after checking it against the walk.
    static func quick(_ text: String, file: String = "doc.yaml") throws -> (controls: Bool, external: Bool)? {
        try quick(Array(text.utf8), file: file)
    }

    static func quick(_ bytes: [UInt8], file: String) throws -> (controls: Bool, external: Bool)? {
        let answer = InputChecks.quickScan(bytes)
        if let answer {
            let walk = InputChecks.scan(try YAMLReader().read(bytes), file: file)
            if !answer.mayHoldDirectionControls { #expect(walk.warnings.isEmpty, "missed a direction control in \(file)") }
            if !answer.externalReferences { #expect(!walk.externalReferences, "missed a $ref to another file in \(file)") }
        }
        return answer.map { ($0.mayHoldDirectionControls, $0.externalReferences) }
    }

    @Test func referencesInsideTheDocumentAreNotExternal() throws {
        let answer = try Self.quick("""
            a: {$ref: '#/b'}
            b:
              $ref: "#/c"
            c: {"$ref" : "#/d"}
            d: 1
            """)
        #expect(answer?.controls == false)
        #expect(answer?.external == false)
    }

    @Test func aReferenceToAFileIsExternal() throws {
        #expect(try Self.quick("a:\n  $ref: other.yaml#/x\n")?.external == true)
        #expect(try Self.quick("a: {\"$ref\": \"./x.json\"}\n")?.external == true)
        // A value on the next line, or `$ref` in prose, is a closer look, not a miss.
        #expect(try Self.quick("a:\n  $ref:\n    '#/b'\nb: 1\n")?.external == true)
        #expect(try Self.quick("description: write $ref here\n")?.external == true)
    }

    @Test func aControlCharacterInTheBytesIsSeen() throws {
        let answer = try Self.quick("description: \"abc\u{202E}def\"\n")
        #expect(answer?.controls == true)
        // Other characters from the same block are not controls.
        #expect(try Self.quick("description: \u{201C}quoted\u{201D} \u{2014} dash\n")?.controls == false)
    }

    @Test func escapesThatCouldSpellAControlOrARefDecline() throws {
        #expect(try Self.quick("description: \"abc\\u202Edef\"\n") == nil)
        #expect(try Self.quick("description: \"abc\\U0000202Edef\"\n") == nil)
        #expect(try Self.quick("a: {\"\\x24ref\": \"x.yaml\"}\n") == nil)
        // A line joined across a backslash could spell `$ref`; elsewhere the join is harmless.
        #expect(try Self.quick("? \"$r\\\n  ef\"\n: x.yaml\n") == nil)
        #expect(try Self.quick("description: \"one\\\n  two\"\n") != nil)
        // Escaped backslashes and quotes are passed over.
        #expect(try Self.quick("description: \"a\\\\ b \\\" c\"\n")?.controls == false)
    }

    @Test func textsInUTF16Decline() throws {
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try Self.quick(utf16, file: "utf16.yaml") == nil)
        let noMark = Array("a: 1\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(InputChecks.quickScan(noMark) == nil)
    }

    /// Every real document in ../shared/corpus: where the bytes answer, the walk agrees.
    @Test func realDocumentsAgreeWithTheWalk() throws {
        let documents = ["gcore/cloud_api.yaml", "gcore/dns_api.yaml", "gcore/iam_api.yaml", "practice/openai.yaml",
                         "practice/twilio_api_v2010.yaml"].compactMap { Paths.sharedFile("corpus/" + $0) }
        guard !documents.isEmpty else {
            print("QuickScanTests: ../shared/corpus is absent; skipped")
            return
        }
        var answered = 0
        for path in documents {
            let bytes = try #require(FileManager.default.contents(atPath: path).map(Array.init))
            if try Self.quick(bytes, file: path) != nil { answered += 1 }
        }
        // Gcore's documents hold no escapes that make the bytes unsure.
        #expect(answered >= 3)
    }
}
