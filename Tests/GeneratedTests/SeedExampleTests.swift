import Foundation
import Generated
import GeneratorDriver
import OpenAPIFrontend
import Spec2SwiftRuntime
import Testing
import TestSupport
import YAMLReader

/// The three seed documents' examples decode into the generated models and re-encode to equal JSON.
/// The seeds are read in place from `../shared/seeds`; without them these tests say so and skip.
@Suite struct SeedExampleTests {
    static func seed(_ prefix: String) -> String? {
        let folder = Paths.shared + "/seeds"
        guard let name = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.first(where: { $0.hasPrefix(prefix) }),
              let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of the first fenced ```json block after `marker`.
    static func jsonBlock(in text: String, after marker: String) -> Data? {
        guard let markerRange = text.range(of: marker),
              let open = text.range(of: "```json", range: markerRange.upperBound..<text.endIndex),
              let close = text.range(of: "```", range: open.upperBound..<text.endIndex) else { return nil }
        return Data(text[open.upperBound..<close.lowerBound].utf8)
    }

    static func roundTrip<T: Codable>(_ type: T.Type, _ json: Data) throws -> Data {
        let value = try JSONDecoder().decode(T.self, from: json)
        return try JSONEncoder.spec2swift.encode(value)
    }

    @Test(.enabled(if: seed("002") != nil, "../shared/seeds is absent: the Cloudflare seed cannot be read"))
    func cloudflareGetSecretResponse() throws {
        let json = try #require(Self.jsonBlock(in: Self.seed("002") ?? "", after: "#### Response"))
        let envelope = try JSONDecoder().decode(Cloudflare.Envelope<Cloudflare.Secret>.self, from: json)
        let secret = try envelope.unwrap()
        #expect(secret.id == "3fd85f74b32742f1bff64a85009dda07")
        #expect(secret.status == .pending)
        #expect(secret.scopes == ["workers", "ai_gateway", "dex", "access"])
        #expect(secret.created.rfc3339 == "2023-09-21T18:56:32.624632Z")
        #expect(secret.created.nanoseconds == 624_632_000)
        #expect(envelope.resultInfo?.totalPages == 100)
        #expect(envelope.errors.first?.source?.pointer == "pointer")
        let encoded = try JSONEncoder.spec2swift.encode(envelope)
        #expect(JSONComparison.equal(json, encoded), "\(JSONComparison.canonical(json))\n!=\n\(JSONComparison.canonical(encoded))")
    }

    @Test(.enabled(if: seed("001") != nil, "../shared/seeds is absent: the Lockbox seed cannot be read"))
    func lockboxGetSecretResponse() throws {
        let text = try #require(Self.seed("001"))
        let skeleton = try #require(Self.jsonBlock(in: text, after: "**HTTP Code: 200 - OK**"))
        let json = try LockboxSeed.instance(from: skeleton, fieldTable: text)
        let secret = try JSONDecoder().decode(Lockbox.Secret.self, from: json)
        #expect(secret.createdAt?.nanoseconds == 123_456_789)
        #expect(secret.currentVersion?.passwordPayloadSpecification?.length == 32)
        #expect(secret.labels == ["key": "value"])
        #expect(secret.status == .creating)
        #expect(secret.currentVersion?.status == .active)
        let encoded = try JSONEncoder.spec2swift.encode(secret)
        #expect(JSONComparison.equal(json, encoded), "\(JSONComparison.canonical(json))\n!=\n\(JSONComparison.canonical(encoded))")
    }

    /// Gcore's excerpt has no example response; an instance is assembled from its schema's `examples`.
    @Test func gcoreSecretFromExamples() throws {
        let path = Paths.repository + "/specs/gcore/openapi.yaml"
        let root = try YAMLReader().read(Array(try #require(FileManager.default.contents(atPath: path))))
        let (api, diagnostics) = OpenAPIFrontend.translate(root, file: path, options: OpenAPIOptions(namespace: "Gcore"))
        let model = try #require(api, "\(diagnostics)")
        let instance = try #require(ExampleAssembler(api: model).instance(of: .init("SecretSerializer")))
        let json = Data(instance.jsonText.utf8)
        let secret = try JSONDecoder().decode(Gcore.Secret.self, from: json)
        #expect(secret.algorithm == "aes")
        #expect(secret.bitLength == 256)
        #expect(secret.created?.rfc3339 == "2023-03-23T20:00:00+00:00")
        #expect(secret.secretType == .opaque)
        #expect(secret.contentTypes == ["default": "application/octet-stream"])
        #expect(JSONComparison.equal(json, try Self.roundTrip(Gcore.Secret.self, json)))
    }

    @Test func unknownEnumValuesSurviveARoundTrip() throws {
        let json = Data(#"{"id":"x","name":"n","secret_type":"quantum","status":"ACTIVE"}"#.utf8)
        let secret = try JSONDecoder().decode(Gcore.Secret.self, from: json)
        #expect(secret.secretType == .undocumented("quantum"))
        #expect(JSONComparison.equal(json, try Self.roundTrip(Gcore.Secret.self, json)))
    }
}

/// The Lockbox seed's example is a skeleton whose values are type names (`"string"`, `"object"`).
/// Its field table says what each field is; this turns the skeleton into a real instance by that table.
enum LockboxSeed {
    struct Field {
        var type: String
        var format: String?
        /// The values a status field lists (`CREATING`, `ACTIVE`, ...).
        var values: [String]
    }

    /// Rows like `currentVersion.<br>createdAt | **string** (date-time)<br>...` by dotted path.
    static func fields(_ table: String) -> [String: Field] {
        var result: [String: Field] = [:]
        for line in table.split(separator: "\n") {
            let cells = line.components(separatedBy: " | ")
            guard cells.count >= 2, let typeStart = cells[1].range(of: "**"),
                  let typeEnd = cells[1].range(of: "**", range: typeStart.upperBound..<cells[1].endIndex) else { continue }
            let path = cells[0].replacingOccurrences(of: "<br>", with: "").replacingOccurrences(of: "[]", with: "")
            let type = String(cells[1][typeStart.upperBound..<typeEnd.lowerBound])
            let rest = cells[1][typeEnd.upperBound...]
            var format: String?
            if rest.hasPrefix(" ("), let close = rest.firstIndex(of: ")") {
                format = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close])
            }
            var values: [String] = []
            var search = rest.startIndex..<rest.endIndex
            while let item = rest.range(of: "<li>", range: search) {
                let tail = rest[item.upperBound...].drop(while: { $0 == " " || $0 == "<" || $0 == "p" || $0 == ">" })
                values.append(String(tail.prefix(while: { $0.isUppercase || $0 == "_" })))
                search = item.upperBound..<rest.endIndex
            }
            result[path] = Field(type: type, format: format, values: values.filter { !$0.isEmpty })
        }
        return result
    }

    static func instance(from skeleton: Data, fieldTable: String) throws -> Data {
        let table = fields(fieldTable)
        let object = try JSONSerialization.jsonObject(with: skeleton)
        func fill(_ value: Any, path: String) -> Any {
            if let dictionary = value as? [String: Any] {
                var filled: [String: Any] = [:]
                for (key, child) in dictionary {
                    filled[key] = fill(child, path: path.isEmpty ? key : path + "." + key)
                }
                return filled
            }
            if let array = value as? [Any] { return array.map { fill($0, path: path) } }
            guard let placeholder = value as? String, let field = table[path] else { return value }
            switch (placeholder, field.format) {
            case ("string", "date-time"?): return "2024-05-01T10:00:00.123456789Z"
            case ("string", "int64"?): return "32"
            case ("object", _): return ["key": "value"]
            case ("string", _): return field.values.first ?? "sample " + path
            default: return value
            }
        }
        return try JSONSerialization.data(withJSONObject: fill(object, path: ""), options: [.sortedKeys])
    }
}
