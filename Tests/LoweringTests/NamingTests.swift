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
