import APIModel
@testable import SwiftLowering
import Testing

/// Which operations get a paging helper or `wait(for:)`, and the warnings when they do not.
@Suite struct HelperTests {
    typealias M = Model

    static let info = M.object("Info", [M.property("total_pages", .integer(.int), required: false)])
    static let envelope = Envelope(name: "Envelope", resultKey: "result", successKey: "success",
                                   properties: [M.property("success", .boolean), M.property("info", M.named("Info"), required: false)],
                                   origin: M.at(1))
    static let paging = Pagination(pageParameter: "page", totalPagesPath: ["info", "total_pages"])

    static func list(_ id: String, response: TypeRef? = .array(.string(.plain)), pagination: Pagination = paging,
                     line: Int) -> Operation {
        M.operation(id, tag: "Things", parameters: [M.parameter("page", .query, .integer(.int), required: false),
                                                    M.parameter("q", .query, .string(.plain))],
                    response: response, pagination: pagination, line: line)
    }

    @Test func aPagedListGetsItsHelper() throws {
        let (api, diagnostics) = Lowering.lowered(M.api(types: [Self.info], operations: [Self.list("list", line: 1)],
                                                        envelope: Self.envelope))
        #expect(diagnostics.isEmpty)
        let pages = try #require(api?.operation("list")?.pages)
        #expect(pages.name == "listPages")
        #expect(pages.parameters.map(\.label) == ["q"])
        #expect(pages.arguments == [.init(label: "q", isPage: false), .init(label: "page", isPage: true)])
        #expect(pages.container == "Demo.Things")
        let steps: [SwiftPagesFunction.Step] = [.init(property: "info", throughOptional: false),
                                                .init(property: "totalPages", throughOptional: true)]
        #expect(pages.style == .envelopePages(envelope: "Demo.Envelope", totalPages: .init(
            path: .init(steps: steps, optional: true, keyPath: ["info", "total_pages"]), conversion: .integer)))
        #expect(api?.envelope?.success == SwiftEnvelope.SuccessCheck(property: "success", optional: false))
        #expect(api?.operation("list")?.decoding == .enveloped("Demo.Envelope"))
    }

    @Test func aPagingHelperThatCannotBeMadeIsAWarning() {
        let operations = [
            Self.list("notAList", response: .string(.plain), line: 2),
            Self.list("noCount", pagination: Pagination(pageParameter: "page", totalPagesPath: ["info", "missing"]), line: 3),
            Self.list("noPage", pagination: Pagination(pageParameter: "p", totalPagesPath: ["info", "total_pages"]), line: 4),
        ]
        let (api, diagnostics) = Lowering.lowered(M.api(types: [Self.info], operations: operations, envelope: Self.envelope))
        #expect(api?.operations.allSatisfy { $0.pages == nil } == true)
        #expect(diagnostics == [
            "model:3:1: warning: no paging helper for 'noCount': 'info.missing' is not a number in the response envelope (#/line3)",
            "model:4:1: warning: no paging helper for 'noPage': it has no parameter 'p' for the page (#/line4)",
            "model:2:1: warning: no paging helper for 'notAList': its result is not a list (#/line2)",
        ], "in the order of the operations' names")

        let (bare, bareDiagnostics) = Lowering.lowered(M.api(operations: [Self.list("list", line: 5)]))
        #expect(bare?.operation("list")?.pages == nil)
        #expect(bareDiagnostics == ["model:5:1: warning: no paging helper for 'list': 'info.total_pages' is not a number "
                                    + "in the response envelope, and the API has none (#/line5)"])
    }

    /// A paging rule looks through aliases for the answer's fields; a cycle of aliases has none, and
    /// the rule then fits nothing (it used to recurse without end).
    @Test func aPagingRuleLooksThroughAliasesAndStopsAtACycle() {
        let list = M.object("List", [M.property("results", .array(.string(.plain)))])
        let types = [list, M.declaration("Page", .alias(M.named("List"))),
                     M.declaration("A", .alias(M.named("B"))), M.declaration("B", .alias(M.named("A")))]
        let offset = [M.parameter("offset", .query, .integer(.int), required: false)]
        let operations = [M.operation("listPage", tag: "T", parameters: offset, response: M.named("Page")),
                          M.operation("listCycle", tag: "T", parameters: offset, response: M.named("A"))]
        let rule = PagingRule(style: .offset(parameter: "offset", items: [], total: nil), origin: M.at(9))
        var profile = APIProfile()
        profile.paging = [rule]
        let (api, diagnostics) = M.api(types: types, operations: operations).applying(profile)
        #expect(diagnostics.isEmpty)
        #expect(api.operations.first { $0.id == "listPage" }?.pagination?.style
                == .offset(parameter: "offset", items: ["results"], total: nil))
        #expect(api.operations.first { $0.id == "listCycle" }?.pagination == nil)
    }

    static let operationType = M.object("Operation", [
        M.property("id", .string(.plain)), M.property("done", .boolean, required: false),
    ], oneOfs: [OneOfGroup(name: "result", required: false, fields: [
        M.property("error", M.named("Status"), required: false), M.property("response", .json, required: false),
    ], origin: M.at(1))])
    static let status = M.object("Status", [M.property("message", .string(.plain))])

    static func longRunning(poll: String = "get", type: String = "Operation") -> LongRunningOperations {
        LongRunningOperations(type: TypeName(type), idProperty: "id", doneProperty: "done", errorProperty: "error",
                              pollOperation: poll, origin: M.at(9))
    }

    static func poll(_ parameters: [Parameter] = [M.parameter("operation_id", .path, .string(.plain))]) -> Operation {
        M.operation("get", tag: "Operations", path: "/operations/{operation_id}", parameters: parameters,
                    response: M.named("Operation"))
    }

    @Test func longRunningOperationsGetWait() throws {
        let (api, diagnostics) = Lowering.lowered(M.api(types: [Self.operationType, Self.status], operations: [Self.poll()],
                                                        longRunning: Self.longRunning()))
        #expect(diagnostics.isEmpty)
        let wait = try #require(api?.longRunning)
        #expect(wait.type == "Demo.Operation")
        #expect(wait.operationID == .init(property: "id", optional: false))
        #expect(wait.isDone == .init(property: "done", optional: true))
        #expect(wait.error == .oneOfCase(property: "result", case: "error", optional: true))
        #expect(wait.pollContainer == "Demo.Operations")
        #expect(wait.pollFunction == "get")
        #expect(wait.pollLabel == "operationID")
    }

    @Test func waitThatCannotBeMadeIsAWarning() {
        let prefix = "model:9:1: warning: no wait(for:) helper for long-running operations: "
        let cases: [(LongRunningOperations, [Operation], String)] = [
            (Self.longRunning(type: "Status"), [Self.poll()], "'Status' has no property 'id'"),
            (Self.longRunning(poll: "missing"), [Self.poll()], "no operation has the id 'missing'"),
            (Self.longRunning(), [Self.poll([M.parameter("operation_id", .path, .string(.plain)),
                                             M.parameter("view", .query, .string(.plain))])],
             "'get' must take the operation's ID as its only required parameter and return 'Operation'"),
        ]
        for (spec, operations, reason) in cases {
            let (api, diagnostics) = Lowering.lowered(M.api(types: [Self.operationType, Self.status], operations: operations,
                                                            longRunning: spec))
            #expect(api?.longRunning == nil)
            #expect(diagnostics == [prefix + reason + " (#/line9)"])
        }
    }
}
