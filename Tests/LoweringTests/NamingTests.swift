import APIModel
@testable import SwiftLowering
import Testing

@Suite struct NamingTests {
    @Test(arguments: [
        ("bit_length", "bitLength"), ("secret_type", "secretType"), ("project_id", "projectID"),
        ("changes-before", "changesBefore"), ("volume_ids", "volumeIDs"), ("image_url", "imageURL"),
        ("folderId", "folderID"), ("kmsKeyId", "kmsKeyID"), ("ACTIVE", "active"),
        ("SCHEDULED_FOR_DESTRUCTION", "scheduledForDestruction"), ("new-volume", "newVolume"), ("Get secret", "getSecret"),
        ("List bare metal servers", "listBareMetalServers"), ("IPAddress", "ipAddress"), ("HTTPServer", "httpServer"),
        ("2fa_enabled", "_2faEnabled"), ("1", "_1"), ("", "value"), ("@type", "type"), ("self", "selfValue"),
        ("Type", "type"), ("init", "initValue"), ("SecretViewSet.get", "secretViewSetGet"), ("x-y_z w", "xYZW"),
        ("IPv4", "ipv4"), ("IPv6", "ipv6"), ("use_IPv6", "useIPv6"), ("1.0", "_1_0"), ("1.10.2", "_1_10_2"), ("v1.2", "v1_2"),
        ("AString", "aString"), ("Ubuntu 22.04", "ubuntu22_04"),
    ])
    func memberNames(_ input: String, _ expected: String) {
        #expect(SwiftIdentifiers.memberName(input) == expected)
    }

    @Test(arguments: [
        ("SecretSerializer", "SecretSerializer"), ("VRRPIP", "VRRPIP"), ("AIClusterSerializer", "AIClusterSerializer"),
        ("cloud_ActionType", "CloudActionType"), ("existing-volume", "ExistingVolume"), ("content_types", "ContentTypes"),
        ("Items_item", "ItemsItem"), ("ip_ranges", "IPRanges"), ("Bare Metal", "BareMetal"), ("SSH Keys", "SSHKeys"),
        ("3d", "_3d"), ("Get secret body", "GetSecretBody"),
    ])
    func typeNames(_ input: String, _ expected: String) {
        #expect(SwiftIdentifiers.typeName(input) == expected)
    }

    @Test func aScopeNumbersCollisionsInOrder() {
        var scope = Scope(reserved: ["hashValue"])
        #expect(scope.claim("fooBar") == "fooBar")
        #expect(scope.claim("fooBar") == "fooBar2")
        #expect(scope.claim("fooBar") == "fooBar3")
        #expect(scope.claim("hashValue") == "hashValue2")
        #expect(scope.claim("v1") == "v1")
        #expect(scope.claim("v1") == "v1_2")
    }

    @Test func typeScopesIgnoreCaseBecauseTypeNamesAreFileNames() {
        var scope = Scope(caseInsensitive: true)
        #expect(scope.claim("Foo") == "Foo")
        #expect(scope.claim("FOO") == "FOO2")
    }

    /// Names that would hide the standard library or the runtime inside the namespace get a suffix.
    @Test func reservedTypeNamesAreRenamed() {
        let origin = Origin(location: SourceLocation(file: "x", line: 1, column: 1), pointer: .root)
        let types = ["String", "Type", "Timestamp", "Data", "Demo"].map {
            TypeDeclaration(name: TypeName($0), kind: .alias(.string(.plain)), origin: origin)
        }
        let api = APIDefinition(name: "Demo", title: "Demo", servers: [], authSchemes: [], operations: [], types: types, origin: origin)
        let (lowered, diagnostics) = Lowering.lower(api)
        #expect(diagnostics.isEmpty)
        let names = Dictionary(uniqueKeysWithValues: (lowered?.types ?? []).map { ($0.modelName.last, $0) })
        #expect(names["String"]?.name == "StringModel")
        #expect(names["Type"]?.name == "TypeModel")
        #expect(names["Timestamp"]?.name == "TimestampModel")
        #expect(names["Data"]?.name == "DataModel")
        #expect(names["Demo"]?.name == "DemoModel")
        #expect(names["String"]?.qualifiedName == "Demo.StringModel")
    }
}

/// Names decided by lowering, on hand-made models.
@Suite struct LoweredNameTests {
    typealias M = Model

    @Test func membersAreSwiftNamesAndCollisionsGetNumbers() throws {
        let thing = M.object("Thing", [
            M.property("secret_type", .string(.plain)), M.property("secretType", .string(.plain)),
            M.property("hash", .integer(.int)), M.property("2fa", .boolean),
        ], nested: [M.enumeration("Thing.2fa", ["on"])])
        let (api, diagnostics) = Lowering.lowered(M.api(types: [thing]))
        #expect(diagnostics.isEmpty)
        let shape = try #require(api?.structure("Demo.Thing"))
        // `hash` is `Hashable`'s; `_2fa` names the nested type first.
        #expect(shape.properties.map(\.name) == ["secretType", "secretType2", "hash2", "_2fa2"])
        #expect(shape.properties.map(\.key) == ["secret_type", "secretType", "hash", "2fa"])
        #expect(api?.declaration("Demo.Thing._2fa")?.name == "_2fa")
    }

    @Test func typeNamesIgnoreCaseAndGivenNamesWinOverMadeUpOnes() {
        let types = [
            M.object("create thing body", [], synthesized: true),
            M.object("CreateThingBody", []),
            M.object("foo", []),
            M.object("Foo", []),
        ]
        let (api, _) = Lowering.lowered(M.api(types: types))
        let names = Dictionary(uniqueKeysWithValues: (api?.types ?? []).map { ($0.modelName.description, $0.name) })
        #expect(names["CreateThingBody"] == "CreateThingBody")
        #expect(names["create thing body"] == "CreateThingBody2")
        #expect(names["foo"] == "Foo")
        #expect(names["Foo"] == "Foo2")
    }

    /// Two operations of a group with one summary: the current one keeps the name, the deprecated (or
    /// older) one gets its path's version, or its id when that does not tell them apart.
    @Test func aSharedSummaryGoesToTheCurrentOperation() throws {
        var old = M.operation("SecretsViewSet.post", summary: "Create secret", tag: "Secrets", method: "POST", path: "/v1/secrets")
        old.deprecated = true
        let current = M.operation("SecretsViewSetV2.post", summary: "Create secret", tag: "Secrets", method: "POST", path: "/v2/secrets")
        let (api, _) = Lowering.lowered(M.api(operations: [old, current]))
        #expect(Set(api?.operations.map(\.name) ?? []) == ["createSecret", "createSecretV1"])
        #expect(api?.operation("SecretsViewSetV2.post")?.name == "createSecret")

        // No deprecation: the highest version wins; the same version twice tells nothing apart.
        let versions = [M.operation("a.get", summary: "Get thing", tag: "T", path: "/v1/things"),
                        M.operation("b.get", summary: "Get thing", tag: "T", path: "/v3/things"),
                        M.operation("c.get", summary: "Get thing", tag: "T", path: "/v1/other")]
        let (versioned, _) = Lowering.lowered(M.api(operations: versions))
        #expect(versioned?.operation("b.get")?.name == "getThing")
        #expect(versioned?.operation("a.get")?.name == "aGet")
        #expect(versioned?.operation("c.get")?.name == "cGet")

        // Nothing to choose by: every one takes its id.
        let equal = [M.operation("x.get", summary: "Get", tag: "T"), M.operation("y.get", summary: "Get", tag: "T")]
        let (plain, _) = Lowering.lowered(M.api(operations: equal))
        #expect(Set(plain?.operations.map(\.name) ?? []) == ["xGet", "yGet"])
    }

    @Test func groupsOperationsAndHelpersAreNamedInTheirScopes() throws {
        let envelope = Envelope(name: "Envelope", resultKey: "result", successKey: nil,
                                properties: [M.property("pages", .integer(.int))], origin: M.at(1))
        let operations = [
            M.operation("listSecrets", summary: "List", tag: "Secrets", response: .array(.string(.plain)),
                        pagination: Pagination(pageParameter: "page", totalPagesPath: ["pages"])),
            M.operation("getSecret", summary: "Get", tag: "Secrets", parameters: [M.parameter("page", .query, .integer(.int))]),
            M.operation("getOther", summary: "Get", tag: "Secrets"),
            M.operation("wait"),
        ]
        var paged = operations
        paged[0].parameters = [M.parameter("page", .query, .integer(.int), required: false)]
        let (api, diagnostics) = Lowering.lowered(M.api(types: [M.object("Secrets", [])], operations: paged,
                                                        envelope: envelope))
        #expect(diagnostics.isEmpty)
        let group = try #require(api?.groups.first)
        // The type has the name, so the group takes another; colliding summaries fall back to ids.
        #expect(group.name == "SecretsOperations")
        #expect(group.operations.map(\.name) == ["getOther", "getSecret", "list"])
        #expect(group.operations.last?.pages?.name == "listPages")
        // `wait` is the namespace's own.
        #expect(api?.ungroupedOperations.map(\.name) == ["wait2"])
        #expect(api?.servers.map(\.name) == ["defaultServer"])
        #expect(api?.envelope?.name == "Envelope")
    }

    @Test func enumCasesAvoidWhatEnumsDeclare() throws {
        let (api, _) = Lowering.lowered(M.api(types: [M.enumeration("State", ["ACTIVE", "rawValue", "undocumented", "active"])]))
        guard case .enumeration(let shape)? = api?.declaration("Demo.State")?.kind else {
            Issue.record("State is not an enum")
            return
        }
        #expect(shape.cases.map(\.name) == ["active", "rawValue2", "undocumented2", "active2"])
    }

    @Test func parametersAvoidTheRequestAndTheBody() throws {
        let operation = M.operation("make", method: "POST", parameters: [
            M.parameter("request", .query, .string(.plain)), M.parameter("body", .query, .string(.plain)),
        ], body: RequestBody(type: .string(.plain), required: true))
        let (api, _) = Lowering.lowered(M.api(operations: [operation]))
        #expect(api?.operation("make")?.parameters.map(\.label) == ["request2", "body", "body2"])
    }

    @Test func anAPIWithoutServersHasAnEmptyPlaceholder() {
        let (api, _) = Lowering.lowered(M.api(operations: [M.operation("defaultServer")], servers: []))
        #expect(api?.servers.map(\.name) == ["defaultServer2"])
        #expect(api?.servers.first?.isPlaceholder == true)
        #expect(api?.operation("defaultServer")?.server == "Demo.defaultServer2")
    }
}
