import APIModel
@testable import SwiftLowering
import Testing

/// Structured types, storage and recursion, on hand-made models.
@Suite struct TypeLoweringTests {
    typealias M = Model

    @Test func typesAreValuesNotStrings() throws {
        let thing = M.object("Thing", [
            M.property("id", .string(.uuid)),
            M.property("tags", .nullable(.array(.string(.plain))), required: false),
            M.property("labels", .map(.integer(.int64)), required: false),
            M.property("note", .nullable(.string(.plain))),
            M.property("kind", .string(.plain), const: .string("thing")),
            M.property("data", .string(.byte), required: false),
        ], additional: .json)
        let (api, _) = Lowering.lowered(M.api(types: [thing]))
        let shape = try #require(api?.structure("Demo.Thing"))
        #expect(shape.properties.map(\.declaredType) == [
            .builtin(.uuidString), .optional(.array(.builtin(.string))), .optional(.dictionary(.builtin(.int64))),
            .optional(.builtin(.string)), .builtin(.string), .optional(.builtin(.data)),
        ])
        #expect(shape.properties.map(\.storage) == [
            .required, .optional, .optional, .requiredNullable, .constant(.string("thing"), required: true), .optional,
        ])
        #expect(shape.additionalProperties == .builtin(.json))
        #expect(api?.declaration("Demo.Thing")?.importsFoundation == true)
    }

    /// What carries each type (for the change report): requests through bodies and any parameter,
    /// answers through response bodies and the envelope, transitively; and where members come from.
    @Test func typesKnowWhetherRequestsOrAnswersCarryThem() throws {
        let types = [
            M.object("Body", [M.property("shared", M.named("Shared"), line: 2)]),
            M.object("Answer", [M.property("shared", M.named("Shared"))]),
            M.object("Shared", [M.property("id", .string(.plain))]),
            M.enumeration("Filter", ["a", "b"]),
            M.object("Paging", [M.property("pages", .integer(.int))]),
            M.object("Unused", []),
        ]
        let operations = [
            M.operation("create", method: "POST", parameters: [M.parameter("filter", .query, M.named("Filter"), line: 3)],
                        body: RequestBody(type: M.named("Body"), required: true), response: .array(M.named("Answer"))),
        ]
        let envelope = Envelope(name: "Envelope", resultKey: "result", successKey: nil,
                                properties: [M.property("paging", M.named("Paging"), required: false)], origin: M.at(4))
        let (api, diagnostics) = Lowering.lowered(M.api(types: types, operations: operations, envelope: envelope))
        #expect(diagnostics.isEmpty)
        let carriers = Dictionary(uniqueKeysWithValues: (api?.types ?? []).map { ($0.name, $0.carriedBy) })
        #expect(carriers == ["Body": .requests, "Filter": .requests, "Answer": .answers, "Paging": .answers,
                             "Shared": [.requests, .answers], "Unused": []])
        #expect(api?.structure("Demo.Body")?.properties.first?.origin == M.at(2))
        #expect(api?.operation("create")?.parameters.first { $0.label == "filter" }?.origin == M.at(3))
        #expect(api?.operation("create")?.parameters.first { $0.label == "body" }?.origin == nil)
    }

    /// In types that requests carry, an optional nullable property keeps absent and `null` apart.
    @Test func optionalNullablePropertiesOfRequestTypesAreThreeState() throws {
        let patch = M.object("Patch", [M.property("name", .nullable(.string(.plain)), required: false)])
        let shown = M.object("Shown", [M.property("name", .nullable(.string(.plain)), required: false)])
        let operations = [
            M.operation("update", method: "PATCH", body: RequestBody(type: M.named("Patch"), required: true)),
            M.operation("show", response: M.named("Shown")),
        ]
        let (api, _) = Lowering.lowered(M.api(types: [patch, shown], operations: operations))
        let patched = try #require(api?.structure("Demo.Patch")?.properties.first)
        #expect(patched.storage == .threeState)
        #expect(patched.declaredType == .optional(.nullable(.builtin(.string))))
        #expect(api?.structure("Demo.Shown")?.properties.first?.storage == .optional)
    }

    @Test func aStructThatContainsItselfIsBoxedWhereItDoes() throws {
        let node = M.object("Node", [
            M.property("next", .nullable(M.named("Node")), required: false),
            M.property("children", .array(M.named("Node"))),
            M.property("parent", M.named("Node"), deprecated: true),
        ])
        let (api, diagnostics) = Lowering.lowered(M.api(types: [node]))
        #expect(diagnostics.isEmpty)
        let properties = try #require(api?.structure("Demo.Node")?.properties)
        #expect(properties.map(\.boxed) == [true, false, true], "an array stores its elements out of line")
        #expect(properties[0].storedType == .optional(.boxed(.named("Demo.Node"))))
        #expect(properties[2].storedType == .boxed(.named("Demo.Node")))
    }

    @Test func aUnionOnACycleIsIndirectAndItsStructsAreNotBoxed() throws {
        let expression = M.declaration("Expr", .union(UnionShape(discriminator: nil, members: [
            UnionShape.Member(type: .number, nameHint: "number"),
            UnionShape.Member(type: M.named("Sum"), nameHint: "sum"),
        ])))
        let sum = M.object("Sum", [M.property("left", M.named("Expr")), M.property("right", M.named("Expr"))])
        let (api, _) = Lowering.lowered(M.api(types: [expression, sum]))
        guard case .union(let union)? = api?.declaration("Demo.Expr")?.kind else {
            Issue.record("Expr is not a union")
            return
        }
        #expect(union.indirect)
        #expect(api?.structure("Demo.Sum")?.properties.map(\.boxed) == [false, false])
    }

    /// Finding cycles keeps its own stack: a chain as long as this overflowed the thread's stack when
    /// it recursed once per type.
    @Test func aChainOfTwentyThousandTypesEndingInACycleIsLowered() throws {
        let count = 20_000
        let chain = (0..<count).map { index in
            M.object("Link\(index)", [M.property("next", M.named("Link\((index + 1) % count)"), required: false)])
        }
        let (api, _) = Lowering.lowered(M.api(types: chain))
        let structures = (api?.types ?? []).compactMap(\.structure)
        #expect(structures.count == count)
        #expect(structures.contains { $0.properties.first?.boxed == true }, "the cycle is broken by a box somewhere")
    }

    @Test func aliasesThatContainThemselvesAreWrappedAndEmptyOnesAreAnyJSON() {
        let tree = M.declaration("Tree", .alias(.map(M.named("Tree"))), line: 1)
        let ping = M.declaration("Ping", .alias(M.named("Pong")), line: 2)
        let pong = M.declaration("Pong", .alias(M.named("Ping")), line: 3)
        let (api, diagnostics) = Lowering.lowered(M.api(types: [tree, ping, pong]))
        #expect(api?.declaration("Demo.Tree")?.kind == .alias(.wrapper(.dictionary(.named("Demo.Tree")))))
        #expect(api?.declaration("Demo.Ping")?.kind == .alias(.typeAlias(.builtin(.json))))
        #expect(diagnostics == [
            "model:2:1: warning: 'Ping' only refers to itself through other names, so it describes no value; "
                + "it is generated as any JSON (#/line2)",
            "model:3:1: warning: 'Pong' only refers to itself through other names, so it describes no value; "
                + "it is generated as any JSON (#/line3)",
        ])
    }

    @Test func untaggedUnionsTryNarrowMembersFirst() {
        let strict = M.object("Strict", [M.property("a", .string(.plain)), M.property("b", .string(.plain))])
        let loose = M.object("Loose", [M.property("a", .string(.plain))])
        let union = M.declaration("Value", .union(UnionShape(discriminator: nil, members: [
            UnionShape.Member(type: .json, nameHint: "any"), UnionShape.Member(type: .string(.plain), nameHint: "text"),
            UnionShape.Member(type: M.named("Loose"), nameHint: "loose"), UnionShape.Member(type: M.named("Strict"), nameHint: "strict"),
            UnionShape.Member(type: .boolean, nameHint: "flag"),
        ])))
        let (api, _) = Lowering.lowered(M.api(types: [strict, loose, union]))
        guard case .union(let shape)? = api?.declaration("Demo.Value")?.kind,
              case .untagged(let order) = shape.selection else {
            Issue.record("Value is not an untagged union")
            return
        }
        #expect(order.map(\.name) == ["flag", "text", "strict", "loose", "any"])
    }

    @Test func tagsAreWrittenOnlyByMembersThatDoNotCarryThem() {
        let carried = M.object("Carried", [M.property("@type", .string(.plain))])
        let bare = M.object("Bare", [M.property("value", .string(.plain))])
        let union = M.declaration("Any", .union(UnionShape(discriminator: "@type", members: [
            UnionShape.Member(type: M.named("Carried"), tags: ["c"], nameHint: "carried"),
            UnionShape.Member(type: M.named("Bare"), tags: ["b"], nameHint: "bare"),
        ])))
        let (api, _) = Lowering.lowered(M.api(types: [carried, bare, union]))
        guard case .union(let shape)? = api?.declaration("Demo.AnyModel")?.kind else {
            Issue.record("Any is not a union")
            return
        }
        #expect(shape.selection == .tagged(discriminator: "@type"))
        #expect(shape.members.map(\.writtenTag) == [nil, "b"])
    }
}
