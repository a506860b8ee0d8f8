import APIModel
@testable import SwiftLowering
import Testing

/// Each check of a model is an error at the construct it is about, and stops lowering.
@Suite struct ValidationTests {
    typealias M = Model

    @Test func everyProblemIsAnErrorWhereItIs() {
        let thing = M.object("Thing", [M.property("owner", M.named("Person"))], oneOfs: [
            OneOfGroup(name: "choice", required: true, fields: [], origin: M.at(3)),
        ], line: 2)
        let operations = [
            M.operation("get", path: "/things/{id}", server: "elsewhere",
                        parameters: [M.parameter("thing_id", .path, .string(.plain))], response: M.named("Missing"), line: 4),
            M.operation("get", line: 5),
        ]
        let envelope = Envelope(name: "Envelope", resultKey: "result", successKey: "ok",
                                properties: [M.property("ok", .string(.plain))], origin: M.at(6))
        let api = M.api(types: [thing, M.object("Thing", [], line: 7)], operations: operations,
                        servers: [Server(name: "default", url: "https://a"), Server(name: "default", url: "https://b")],
                        envelope: envelope,
                        longRunning: LongRunningOperations(type: TypeName("Job"), idProperty: "id", doneProperty: "done",
                                                           errorProperty: "error", pollOperation: "get", origin: M.at(8)))
        let (lowered, diagnostics) = Lowering.lowered(api)
        #expect(lowered == nil)
        #expect(diagnostics == [
            "model:7:1: error: the type 'Thing' is declared twice (#/line7)",
            "model:2:1: error: 'Thing' refers to the type 'Person', which is not declared (#/line2)",
            "model:3:1: error: the one-of group 'choice' of 'Thing' has no fields (#/line3)",
            "model:0:1: error: two servers have the same name; give each its own (#/line0)",
            "model:4:1: error: the operation 'get' refers to the type 'Missing', which is not declared (#/line4)",
            "model:4:1: error: the operation 'get' is sent to the server 'elsewhere', which the API does not name (#/line4)",
            "model:4:1: error: the path of the operation 'get' has '{id}', but no path parameter of that name (#/line4)",
            "model:4:1: error: the path parameter 'thing_id' of the operation 'get' is not in its path (#/line4)",
            "model:5:1: error: the operation id 'get' is used twice (#/line5)",
            "model:6:1: error: the envelope's success key 'ok' is not one of its boolean properties (#/line6)",
            "model:8:1: error: 'long-running-operations' refers to the type 'Job', which is not declared (#/line8)",
        ])
    }

    @Test func aValidModelHasNoDiagnostics() {
        let (lowered, diagnostics) = Lowering.lowered(M.api(types: [M.object("Thing", [M.property("id", .string(.plain))])],
                                                            operations: [M.operation("list", response: .array(M.named("Thing")))]))
        #expect(diagnostics.isEmpty)
        #expect(lowered?.operation("list")?.responseType == .array(.named("Demo.Thing")))
        #expect(lowered?.operation("list")?.decoding == .json)
    }
}

/// Filtering keeps what kept operations need, and says what it leaves out.
@Suite struct FilterTests {
    typealias M = Model

    static func api() -> APIDefinition {
        M.api(types: [HelperTests.operationType, HelperTests.status, M.object("Secret", [])],
              operations: [
                  HelperTests.poll(),
                  M.operation("create", tag: "Secrets", method: "POST", response: M.named("Operation")),
                  M.operation("show", tag: "Payloads", response: M.named("Secret")),
              ],
              longRunning: HelperTests.longRunning())
    }

    @Test func keepingAnOperationThatReturnsALongRunningOperationKeepsItsPoll() {
        let (filtered, diagnostics) = Self.api().filtered(by: OperationFilter(includeTags: ["Secrets"]))
        #expect(diagnostics.isEmpty)
        #expect(filtered.operations.map(\.id) == ["get", "create"])
        #expect(filtered.longRunningOperations != nil)
        #expect(Set(filtered.types.map(\.name.description)) == ["Operation", "Status"])
        #expect(Lowering.lowered(filtered).0?.longRunning?.pollFunction == "get")
    }

    @Test func excludingThePollOperationLeavesWaitOutAndSaysSo() {
        let (filtered, diagnostics) = Self.api().filtered(by: OperationFilter(includeTags: ["Secrets"], excludeTags: ["Operations"]))
        #expect(filtered.operations.map(\.id) == ["create"])
        #expect(filtered.longRunningOperations == nil)
        #expect(diagnostics.map(\.description) == [
            "model:9:1: warning: the filter leaves out 'get', which polls long-running operations, so `wait(for:)` is not "
                + "generated; keep 'get' to have it (#/line9)",
        ])
    }

    @Test func withoutLongRunningResultsThereIsNothingToWaitFor() {
        let (filtered, diagnostics) = Self.api().filtered(by: OperationFilter(includeTags: ["Payloads"]))
        #expect(diagnostics.isEmpty)
        #expect(filtered.operations.map(\.id) == ["show"])
        #expect(filtered.longRunningOperations == nil)
        #expect(filtered.types.map(\.name.description) == ["Secret"])
    }
}
