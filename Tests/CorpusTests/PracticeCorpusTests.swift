import APIModel
import Foundation
import GeneratorDriver
import OpenAPIFrontend
import SwiftEmitter
import Testing
import TestSupport
import YAMLReader

/// Real public documents the generator was not built with (`../shared/corpus/practice`): the OpenAI
/// API (multipart uploads, downloads, long summaries) and Twilio's (form-encoded writes). Each must
/// generate without errors, leave no request or response body out, and build without errors or
/// warnings. Without `../shared`, these tests say so and are skipped.
@Suite(.serialized, .enabled(if: CorpusPackage.hasPractice, "../shared/corpus/practice is absent: the practice corpus tests are skipped"))
struct PracticeCorpusTests {
    struct Document: Sendable, CustomTestStringConvertible {
        var target: String
        var file: String
        var path: String { Paths.shared + "/corpus/practice/" + file }
        var input: InputSpec { InputSpec(path: path, namespace: target) }
        var testDescription: String { file }
    }

    static let documents = [Document(target: "OpenAI", file: "openai.yaml"), Document(target: "Twilio", file: "twilio_api_v2010.yaml")]

    /// The OpenAPI specification's own examples (Swagger 2.0, OpenAPI 3.0 and 3.1, one of them in
    /// several files) and a multi-file document written for a bundler (`$ref`s to whole path items):
    /// every document found there, each its own target named after its path.
    static let examples: [Document] = {
        let root = Paths.shared + "/corpus/practice/"
        let folders = ["oai-examples/examples", "redocly-starter/openapi"]
        let inFolder = folders.flatMap { folder in
            (FileManager.default.enumerator(atPath: root + folder)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }
        }
        // A document is a file with `openapi` or `swagger` at its top; the other files are parts of one.
        let documents = inFolder.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.filter { file in
            guard let text = try? String(contentsOfFile: root + file, encoding: .utf8) else { return false }
            return text.split(separator: "\n").prefix(3).contains { $0.contains("openapi") || $0.contains("swagger") }
        }
        return documents.sorted().map { file in
            let words = file.dropLast(5).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).dropFirst()
            return Document(target: "Example" + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(), file: file)
        }
    }()

    /// No error, no warning about a body, every request body of the document in the model with a
    /// Swift type, and every success answer with content read as JSON, text or bytes.
    @Test(arguments: documents)
    func generatesWithEveryBody(_ document: Document) async throws {
        let (result, api, root) = try await onOwnThread {
            let root = try YAMLReader().read(Array(try Data(contentsOf: URL(fileURLWithPath: document.path))))
            let api = OpenAPIFrontend.translate(root, file: document.path, options: OpenAPIOptions(namespace: document.target)).0
            return (Generator.generate([document.input]), api, root)
        }
        #expect(!result.hasErrors, "\(result.diagnostics.filter { $0.severity == .error }.prefix(10))")
        let aboutBodies = result.diagnostics.filter { $0.message.contains("body") || $0.message.contains("not decoded") }
        #expect(aboutBodies.isEmpty, "\(aboutBodies.prefix(10))")
        let model = try #require(api)
        let operations = Dictionary(model.operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let declared = Self.declaredBodies(root)
        #expect(declared.requests.count > 0)
        for (id, mediaTypes) in declared.requests {
            let body = operations[id]?.requestBody
            #expect(body != nil, "the request body of \(id) is left out")
            #expect(Set(body?.contents.flatMap(\.mediaTypes) ?? []) == Set(mediaTypes), "\(id) has \(body?.contents ?? [])")
        }
        for id in declared.answers {
            let response = operations[id]?.response
            let read = response?.type != nil || response?.media != .json
            #expect(read, "the answer of \(id) is not read")
        }
        print("\(document.file): \(result.operations) operations, \(declared.requests.count) request bodies, "
              + "\(declared.answers.count) answers with a body, \(result.files.count) files")
    }

    /// Each example document generates without errors, Swagger 2.0 and bundler-style `$ref`s included.
    @Test(.enabled(if: Paths.sharedFile("corpus/practice/oai-examples") != nil, "the example documents are absent"))
    func exampleDocumentsGenerate() async throws {
        #expect(Self.examples.count >= 10, "\(Self.examples.map(\.file))")
        for document in Self.examples {
            let result = try await onOwnThread { Generator.generate([document.input]) }
            #expect(!result.hasErrors, "\(document.file): \(result.diagnostics.filter { $0.severity == .error }.prefix(5))")
            #expect(result.operations > 0 || document.file.contains("webhook"), "\(document.file) has no operations")
            print("\(document.file): \(result.operations) operations, \(result.files.count) files, "
                  + "\(result.diagnostics.count) warnings")
        }
    }

    /// Every document's client (the two above and the examples), built with every warning shown, as
    /// targets of the corpus tests' package (CorpusPackage: the runtime is built once for both).
    @Test func packagesBuildWithoutErrorsOrWarnings() async throws {
        let built = try await CorpusPackage.built.value
        let mine = (Self.documents + Self.examples).map(\.target)
        #expect(Set(mine).isSubset(of: built.generated.map(\.target.name)))
        #expect(built.build.status == 0 && built.problems(in: mine).isEmpty,
                Comment(rawValue: "the practice packages do not build cleanly:\n" + built.report(mine)))
    }

    /// The operations whose request body lists media types (with those types), and those whose first
    /// success answer with content lists any, by operation id, as the document says.
    static func declaredBodies(_ root: YAMLNode) -> (requests: [String: [String]], answers: [String]) {
        func resolved(_ node: YAMLNode?) -> YAMLNode? {
            guard let reference = node?["$ref"]?.scalar?.text, let tokens = JSONPointer.tokens(of: reference) else { return node }
            return tokens.reduce(Optional(root)) { $0?[$1] }
        }
        var requests: [String: [String]] = [:]
        var answers: [String] = []
        for item in root["paths"]?.mapping ?? [] {
            for entry in item.value.mapping ?? [] {
                guard let method = entry.key.scalar?.text, ["get", "put", "post", "delete", "patch"].contains(method),
                      let id = entry.value["operationId"]?.scalar?.text else { continue }
                let mediaTypes = (resolved(entry.value["requestBody"])?["content"]?.mapping ?? []).compactMap { $0.key.scalar?.text }
                if !mediaTypes.isEmpty { requests[id] = mediaTypes }
                let success = (entry.value["responses"]?.mapping ?? []).filter { $0.key.scalar?.text.hasPrefix("2") ?? false }
                if success.contains(where: { !(resolved($0.value)?["content"]?.mapping ?? []).isEmpty }) { answers.append(id) }
            }
        }
        return (requests, answers)
    }
}
