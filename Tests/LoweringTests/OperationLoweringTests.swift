import APIModel
@testable import SwiftLowering
import Testing

/// Parameters, their encodings and order, and the warnings for values without a text form.
@Suite struct OperationLoweringTests {
    typealias M = Model

    static let types = [
        M.enumeration("State", ["on", "off"]),
        M.object("Filter", [M.property("name", .string(.plain))]),
        M.declaration("Count", .alias(.integer(.int))),
    ]

    @Test func eachParameterHasItsEncoding() throws {
        let operation = M.operation("search", path: "/things/{b}/{a}", parameters: [
            M.parameter("a", .path, .string(.plain)),
            M.parameter("q", .query, .string(.plain), required: false),
            M.parameter("b", .path, M.named("State")),
            M.parameter("ids", .query, .array(.integer(.int)), encoding: .delimited(.comma)),
            M.parameter("tags", .query, .array(M.named("State"))),
            M.parameter("filter", .query, M.named("Filter")),
            M.parameter("deep", .query, M.named("Filter"), encoding: .deepObject),
            M.parameter("raw", .query, M.named("Filter"), required: false, encoding: .json),
            M.parameter("limit", .query, M.named("Count")),
            M.parameter("X-Trace", .header, .string(.plain), required: false),
        ], body: RequestBody(type: .string(.byte), required: false, contentType: "application/octet-stream"))
        let (api, diagnostics) = Lowering.lowered(M.api(types: Self.types, operations: [operation]))
        #expect(diagnostics.isEmpty)
        let lowered = try #require(api?.operation("search"))
        // Path parameters as the path has them, then what is required, then what may be left out.
        #expect(lowered.parameters.map(\.label) == ["b", "a", "ids", "tags", "filter", "deep", "limit", "q", "raw", "xTrace", "body"])
        #expect(lowered.parameters.map(\.encoding) == [
            .path, .path,
            .query(name: "ids", style: .delimited(.comma)), .query(name: "tags", style: .form),
            .query(name: "filter", style: .objectFields), .query(name: "deep", style: .deepObject),
            .query(name: "limit", style: .form), .query(name: "q", style: .form), .query(name: "raw", style: .json),
            .header(name: "X-Trace"), .body,
        ])
        #expect(lowered.parameters.map(\.isOptional) == [false, false, false, false, false, false, false, true, true, true, true])
        #expect(lowered.parameters[7].type == .optional(.builtin(.string)))
        #expect(lowered.parameters[10].type == .optional(.builtin(.binaryBody)))
        #expect(lowered.path == [.literal("/things/"), .parameter(label: "b", name: "b"), .literal("/"), .parameter(label: "a", name: "a")])
        #expect(lowered.contentType == "application/octet-stream")
        #expect(lowered.bodyEncoding == .binary)
        #expect(lowered.server == "Demo.defaultServer")
        #expect(lowered.decoding == .none)
        #expect(api?.namespaceImportsFoundation == false, "a body of bytes is the runtime's BinaryBody, not Data")
    }

    @Test func valuesWithoutATextFormAreStringsInPathsAndHeadersAndJSONInQueries() throws {
        let operation = M.operation("odd", path: "/things/{filter}", parameters: [
            M.parameter("filter", .path, M.named("Filter"), line: 2),
            M.parameter("X-Data", .header, .array(.string(.plain)), line: 3),
            M.parameter("filters", .query, .array(M.named("Filter")), line: 4),
        ])
        let (api, diagnostics) = Lowering.lowered(M.api(types: Self.types, operations: [operation]))
        #expect(diagnostics == [
            "model:2:1: warning: path parameter 'filter' has a type that cannot be written in a path; it is generated as a "
                + "string (#/line2)",
            "model:3:1: warning: header parameter 'X-Data' has a type that cannot be written in a header; it is generated as "
                + "a string (#/line3)",
            "model:4:1: warning: query parameter 'filters' has a type that cannot be written as query text; it is sent as "
                + "JSON text (#/line4)",
        ])
        let lowered = try #require(api?.operation("odd"))
        #expect(lowered.parameters.map(\.type) == [.builtin(.string), .builtin(.string), .array(.named("Demo.Filter"))])
        #expect(lowered.parameters.last?.encoding == .query(name: "filters", style: .json))
    }

    @Test func operationsAreSortedAndSentToTheirServer() {
        let operations = [
            M.operation("b", tag: "T", server: "files"), M.operation("a", tag: "T"), M.operation("c", tag: "S"),
        ]
        let servers = [Server(name: "default", url: "https://a.example.com"), Server(name: "files", url: "https://b.example.com")]
        let (api, _) = Lowering.lowered(M.api(operations: operations, servers: servers))
        #expect(api?.groups.map(\.name) == ["S", "T"])
        #expect(api?.groups.last?.operations.map(\.id) == ["a", "b"])
        #expect(api?.groups.last?.operations.map(\.server) == ["Demo.defaultServer", "Demo.filesServer"])
    }

    /// One function per format, told apart by the body's label; only the first may leave the body out.
    /// Several media types of one format, or a range for text or bytes, let the caller choose the type.
    @Test func aBodyOfSeveralFormatsIsOneFunctionPerFormat() throws {
        let body = RequestBody(contents: [
            BodyContent(format: .json, mediaTypes: ["application/json", "application/merge-patch+json"], type: M.named("Filter")),
            BodyContent(format: .form, mediaTypes: ["application/x-www-form-urlencoded"], type: M.named("Filter"), encodings: [
                PropertyEncoding(property: "deep", style: .deepObject),
                PropertyEncoding(property: "list", explode: false),
                PropertyEncoding(property: "plain"),
                PropertyEncoding(property: "raw", contentType: "application/json"),
                PropertyEncoding(property: "url", contentType: "text/plain", allowReserved: true),
            ]),
            BodyContent(format: .multipart, mediaTypes: ["multipart/form-data"], type: M.named("Filter"), encodings: [
                PropertyEncoding(property: "file", contentType: "image/png", style: .form),
                PropertyEncoding(property: "styled", style: .deepObject),
            ]),
            BodyContent(format: .text, mediaTypes: ["text/csv"]),
            BodyContent(format: .binary, mediaTypes: ["image/*"]),
        ], required: false)
        let operation = M.operation("put", method: "PUT", path: "/things/{id}", parameters: [M.parameter("id", .path, .integer(.int))],
                                    body: body)
        let (api, diagnostics) = Lowering.lowered(M.api(types: Self.types, operations: [operation]))
        #expect(diagnostics.isEmpty)
        let functions = try #require(api?.functions("put"))
        #expect(functions.map(\.name) == Array(repeating: "put", count: 5))
        #expect(functions.map { $0.parameters.map(\.label) } == [
            ["id", "json", "contentType"], ["id", "form"], ["id", "multipart"], ["id", "text"], ["id", "data", "contentType"],
        ])
        #expect(functions.map { $0.parameters[1].type } == [
            .optional(.named("Demo.Filter")), .named("Demo.Filter"), .named("Demo.Filter"), .builtin(.string), .builtin(.binaryBody),
        ])
        #expect(functions[0].parameters[2].defaultText == "application/json")
        #expect(functions[4].parameters[2].defaultText == "application/octet-stream", "a range is no Content-Type")
        #expect(functions.map(\.contentType) == [nil, nil, nil, "text/csv", nil])
        #expect(functions.map(\.bodyEncoding) == [
            nil,
            .form([
                SwiftFieldEncoding(property: "deep", style: .deepObject, explode: nil, allowReserved: false, contentType: nil),
                SwiftFieldEncoding(property: "list", style: .form, explode: false, allowReserved: false, contentType: nil),
                SwiftFieldEncoding(property: "raw", style: nil, explode: nil, allowReserved: false, contentType: "application/json"),
                SwiftFieldEncoding(property: "url", style: .form, explode: nil, allowReserved: true, contentType: nil),
            ]),
            .multipart([SwiftFieldEncoding(property: "file", style: nil, explode: nil, allowReserved: false, contentType: "image/png")]),
            .text, .binary,
        ])
        #expect(api?.namespaceImportsFoundation == false, "a binary body is the runtime's BinaryBody")
    }

    @Test func answersAreReadAsTheirMediaSay() throws {
        let operations = [
            M.operation("csv", media: .text(["text/csv", "text/plain"])),
            M.operation("pdf", media: .binary(["application/pdf"])),
            M.operation("json", response: M.named("Filter")),
        ]
        let (api, _) = Lowering.lowered(M.api(types: Self.types, operations: operations))
        #expect(api?.operation("csv")?.decoding == .text(accept: "text/csv, text/plain"))
        #expect(api?.operation("csv")?.responseType == .builtin(.string))
        #expect(api?.operation("pdf")?.decoding == .data(accept: "application/pdf"))
        #expect(api?.operation("pdf")?.responseType == .builtin(.data))
        #expect(api?.operation("json")?.decoding == .json)
        #expect(api?.namespaceImportsFoundation == true, "a binary answer is Data")
    }
}
